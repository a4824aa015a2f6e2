import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { PageArgs } from 'src/common/pagination';

@ArgsType()
export class CheckInsArgs extends PageArgs {
  @Field(() => ID)
  @IsString()
  @Length(1, 36)
  eventId: string;
}
