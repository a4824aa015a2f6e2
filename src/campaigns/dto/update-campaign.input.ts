import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { LocalDateScalar } from 'src/common/scalars/local-date.scalar';
import { ValidateIfSent } from 'src/common/validate-if-sent';
import { CampaignTargetInput } from './campaign-target.input';
import { MAX_CAMPAIGN_TARGETS } from './create-campaign.input';

/** Fields left out stay as they are; `targets`, when given, replaces every target. The owning unit never changes. */
@InputType()
export class UpdateCampaignInput {
  @Field({ nullable: true })
  @ValidateIfSent()
  @IsString({ message: 'name cannot be cleared; give a name of 1 to 200 characters' })
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name?: string;

  /** null clears it. */
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'theme must be at most 200 characters' })
  theme?: string | null;

  /** null clears it. */
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'description must be at most 2000 characters' })
  description?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  startDate?: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  @IsString()
  endDate?: string;

  @Field(() => [CampaignTargetInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CAMPAIGN_TARGETS, { message: `targets can hold at most ${MAX_CAMPAIGN_TARGETS} goals` })
  @ValidateNested({ each: true })
  @Type(() => CampaignTargetInput)
  targets?: CampaignTargetInput[];
}
