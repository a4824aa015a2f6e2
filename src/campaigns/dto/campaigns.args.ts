import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { PageArgs } from 'src/common/pagination';
import { LocalDateScalar } from 'src/common/scalars/local-date.scalar';

@InputType()
export class CampaignsFilter {
  /** Campaigns that apply to this unit: owned by it, by a unit above it (which covers it) or by a unit below it. */
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  orgUnitId?: string;

  /** Campaigns running on this day. */
  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  activeOn?: string;
}

@ArgsType()
export class CampaignsArgs extends PageArgs {
  @Field(() => CampaignsFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CampaignsFilter)
  filter?: CampaignsFilter;
}
