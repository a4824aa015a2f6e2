import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsBoolean, IsString, Length } from 'class-validator';

@ArgsType()
export class StockArgs {
  @Field(() => ID)
  @IsString()
  @Length(1, 36)
  orgUnitId: string;

  /** Also every unit below it: one level per unit and material. */
  @Field({ defaultValue: false })
  @IsBoolean()
  includeDescendants: boolean = false;
}
