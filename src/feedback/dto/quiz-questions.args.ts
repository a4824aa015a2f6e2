import { ArgsType, Field } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

@ArgsType()
export class QuizQuestionsArgs {
  /** Only this topic, e.g. 防范电信网络诈骗; all topics when left out. */
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'topic must be at most 100 characters' })
  topic?: string | null;

  /** Also the deactivated questions (for keeping the bank); by default only those a new quiz may use. */
  @Field({ defaultValue: false })
  @IsBoolean()
  includeInactive: boolean = false;
}
