import { ArgsType, Field } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray } from 'class-validator';
import { CheckInInput } from './check-in.input';

export const MAX_SYNC_ITEMS = 500;

@ArgsType()
export class SyncCheckInsArgs {
  @Field(() => [CheckInInput])
  @IsArray()
  @ArrayMaxSize(MAX_SYNC_ITEMS, { message: `items may hold at most ${MAX_SYNC_ITEMS} check-ins; send the rest in another call` })
  items: CheckInInput[];
}
