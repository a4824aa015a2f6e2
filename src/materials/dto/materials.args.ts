import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { PageArgs } from 'src/common/pagination';
import { MaterialFormat } from '../material.entity';

@InputType()
export class MaterialsFilter {
  @Field(() => MaterialFormat, { nullable: true })
  @IsOptional()
  @IsEnum(MaterialFormat)
  format?: MaterialFormat;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  language?: string;
}

@ArgsType()
export class MaterialsArgs extends PageArgs {
  @Field(() => MaterialsFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MaterialsFilter)
  filter?: MaterialsFilter;
}
