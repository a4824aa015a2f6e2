import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { FeedbackPhase } from '../feedback.enums';

/** A quiz question as an attendee sees it: no correct answer. */
@ObjectType('FeedbackQuestion')
export class FeedbackQuestion {
  @Field(() => ID)
  id: string;

  /** 1-based place in the event's quiz. */
  @Field(() => Int)
  position: number;

  @Field()
  topic: string;

  @Field()
  text: string;

  /** Answer with the 0-based index of one of these. */
  @Field(() => [String])
  options: string[];

  @Field(() => String, { nullable: true })
  textEn: string | null;

  @Field(() => [String], { nullable: true })
  optionsEn: string[] | null;
}

/** What the public feedback page shows for a link: the event, the questions, and whether a rating is asked. */
@ObjectType('FeedbackForm')
export class FeedbackForm {
  @Field(() => ID)
  eventId: string;

  @Field()
  eventTitle: string;

  @Field()
  venueName: string;

  @Field(() => GraphQLISODateTime)
  startsAt: Date;

  @Field(() => GraphQLISODateTime)
  endsAt: Date;

  /** APP_TIMEZONE: the page shows the event's times in it, whatever the phone's zone. */
  @Field()
  timeZone: string;

  @Field(() => FeedbackPhase)
  phase: FeedbackPhase;

  /** In quiz order; empty when the event has no quiz. */
  @Field(() => [FeedbackQuestion])
  questions: FeedbackQuestion[];

  /** True for AFTER (a 1–5 rating is required); BEFORE asks none. */
  @Field()
  ratingAsked: boolean;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;
}
