import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsEnum, IsString, MaxLength } from 'class-validator';
import { FeedbackPhase } from '../feedback.enums';

@ArgsType()
export class CreateFeedbackLinkArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(36)
  eventId: string;

  @Field(() => FeedbackPhase)
  @IsEnum(FeedbackPhase)
  phase: FeedbackPhase;
}
