import { Field, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { MaterialFormat } from '../material.entity';
import { MAX_QUANTITY } from './quantity';

@InputType()
export class CreateMaterialInput {
  /** The bank's item code, e.g. FZ-LF-2025; unique ignoring case. */
  @Field()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, { message: 'code must be 1 to 32 letters, digits, dots, dashes or underscores, starting with a letter or digit' })
  code: string;

  @Field()
  @IsString()
  @Length(1, 200, { message: 'title must be 1 to 200 characters' })
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'topic must be at most 100 characters' })
  topic?: string | null;

  @Field(() => MaterialFormat)
  @IsEnum(MaterialFormat)
  format: MaterialFormat;

  /** BCP 47 language tag of the text. */
  @Field({ defaultValue: 'zh-CN' })
  @IsString()
  @Matches(/^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/, { message: 'language must be a language tag such as zh-CN or en' })
  language: string = 'zh-CN';

  /** Below this many copies a unit's stock is low; null: never. */
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt({ message: 'lowStockThreshold must be a whole number' })
  @Min(1, { message: 'lowStockThreshold must be at least 1, or null for none' })
  @Max(MAX_QUANTITY, { message: `lowStockThreshold must be at most ${MAX_QUANTITY}` })
  lowStockThreshold?: number | null;
}
