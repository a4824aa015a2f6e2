import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';

/** A link (and its QR code) that lets volunteers join one event from their phone. */
@ObjectType('CheckInLink')
export class CheckInLink {
  /** `${PUBLIC_URL}/checkin/join/<token>` */
  @Field()
  url: string;

  @Field()
  token: string;

  /** The URL as an SVG QR code, ready to print or show on a screen. */
  @Field()
  qrSvg: string;

  /** The event's end + 2 hours. */
  @Field(() => GraphQLISODateTime)
  expiresAt: Date;
}
