import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { LocalDateScalar } from 'src/common/scalars/local-date.scalar';
import { CampaignTargetInput } from './campaign-target.input';

export const MAX_CAMPAIGN_TARGETS = 30;

@InputType()
export class CreateCampaignInput {
  @Field()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'theme must be at most 200 characters' })
  theme?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'description must be at most 2000 characters' })
  description?: string | null;

  @Field(() => LocalDateScalar)
  @IsString()
  startDate: string;

  /** The last day of the campaign, inclusive. */
  @Field(() => LocalDateScalar)
  @IsString()
  endDate: string;

  /** The campaign covers this unit's subtree. */
  @Field(() => ID)
  @IsString()
  @Length(1, 36)
  orgUnitId: string;

  @Field(() => [CampaignTargetInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(MAX_CAMPAIGN_TARGETS, { message: `targets can hold at most ${MAX_CAMPAIGN_TARGETS} goals` })
  @ValidateNested({ each: true })
  @Type(() => CampaignTargetInput)
  targets: CampaignTargetInput[] = [];
}
