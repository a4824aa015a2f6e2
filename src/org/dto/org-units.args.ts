import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { OrgUnitLevel } from 'src/org/org-unit.entity';

@ArgsType()
export class OrgUnitsArgs {
  /** Direct children of this unit; without it, every unit the caller can see. */
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  parentId?: string;

  @Field(() => OrgUnitLevel, { nullable: true })
  @IsOptional()
  @IsEnum(OrgUnitLevel)
  level?: OrgUnitLevel;
}
