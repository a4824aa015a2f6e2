import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { IsNote, IsQuantity } from './quantity';

@InputType()
export class TransferStockInput {
  @Field(() => ID)
  @IsString()
  @Length(1, 36)
  fromOrgUnitId: string;

  @Field(() => ID)
  @IsString()
  @Length(1, 36)
  toOrgUnitId: string;

  @Field(() => ID)
  @IsString()
  @Length(1, 36)
  materialId: string;

  @Field(() => Int)
  @IsQuantity('quantity')
  quantity: number;

  @Field(() => String, { nullable: true })
  @IsNote()
  note?: string | null;
}
