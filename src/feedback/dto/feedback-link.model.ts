import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import { FeedbackPhase } from '../feedback.enums';

/** A link (and its QR code) that attendees open on their own phone to answer one phase of an event's feedback. */
@ObjectType('FeedbackLink')
export class FeedbackLink {
  /** `${PUBLIC_URL}/feedback/<token>` */
  @Field()
  url: string;

  @Field()
  token: string;

  /** The URL as an SVG QR code, ready to show at the event. */
  @Field()
  qrSvg: string;

  @Field(() => FeedbackPhase)
  phase: FeedbackPhase;

  /** BEFORE: the event's end; AFTER: the event's end + 24 hours. */
  @Field(() => GraphQLISODateTime)
  expiresAt: Date;
}
