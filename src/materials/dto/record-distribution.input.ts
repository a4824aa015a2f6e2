import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { IsNote, IsQuantity } from './quantity';

/** What became of copies issued to an event: handed out, or brought back to the event's unit. At least one is above zero. */
@InputType()
export class RecordDistributionInput {
  @Field(() => ID)
  @IsString()
  @Length(1, 36)
  eventId: string;

  @Field(() => ID)
  @IsString()
  @Length(1, 36)
  materialId: string;

  /** Copies handed out at the event. */
  @Field(() => Int, { defaultValue: 0 })
  @IsQuantity('distributed', 0)
  distributed: number = 0;

  /** Copies not handed out, back on the shelf of the event's org unit. */
  @Field(() => Int, { defaultValue: 0 })
  @IsQuantity('returned', 0)
  returned: number = 0;

  @Field(() => String, { nullable: true })
  @IsNote()
  note?: string | null;
}
