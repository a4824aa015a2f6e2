import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Length, Matches } from 'class-validator';
import { OrgUnitLevel } from 'src/org/org-unit.entity';

@InputType()
export class CreateOrgUnitInput {
  @Field()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$/, { message: 'code must be 2 to 32 letters, digits, "-" or "_"' })
  code: string;

  @Field()
  @IsString()
  @Length(1, 100, { message: 'name must be 1 to 100 characters' })
  name: string;

  @Field(() => OrgUnitLevel)
  @IsEnum(OrgUnitLevel)
  level: OrgUnitLevel;

  /** Empty only for the head office, the one root. */
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  parentId?: string;
}
