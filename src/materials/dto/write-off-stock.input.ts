import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { MAX_NOTE_LENGTH, IsQuantity } from './quantity';

/** Copies taken off a unit's stock (damaged, outdated, lost, short at a stocktake); the reason is required. */
@InputType()
export class WriteOffStockInput {
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

  /** Why, e.g. "受潮损坏" or "盘点短少". */
  @Field()
  @IsString()
  @Length(1, MAX_NOTE_LENGTH, { message: `note must be 1 to ${MAX_NOTE_LENGTH} characters: say why the copies are written off` })
  note: string;
}
