import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { IsNote, IsQuantity } from './quantity';

@InputType()
export class ReceiveStockInput {
  /** The unit the copies arrive at. */
  @Field(() => ID)
  @IsString()
  @Length(1, 36)
  orgUnitId: string;

  @Field(() => ID)
  @IsString()
  @Length(1, 36)
  materialId: string;

  @Field(() => Int)
  @IsQuantity('quantity')
  quantity: number;

  /** e.g. the print order, or "found at the stocktake" for an upward correction. */
  @Field(() => String, { nullable: true })
  @IsNote()
  note?: string | null;
}
