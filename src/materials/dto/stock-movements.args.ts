import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { PageArgs } from 'src/common/pagination';

@InputType()
export class StockMovementsFilter {
  /** Movements of this unit and the units below it. */
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  orgUnitId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  materialId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  eventId?: string;
}

@ArgsType()
export class StockMovementsArgs extends PageArgs {
  @Field(() => StockMovementsFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => StockMovementsFilter)
  filter?: StockMovementsFilter;
}
