import { ArgsType, Field, GraphQLISODateTime, ID } from '@nestjs/graphql';
import { IsDate, IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { EventRole } from 'src/events/event.enums';
import { DATE_TIME_HINT } from './create-event.input';

@ArgsType()
export class CancelEventArgs {
  @Field(() => ID)
  @IsString()
  @Length(1, 36)
  id: string;

  /** Kept with the event and told to everyone assigned. */
  @Field()
  @IsString()
  @Length(1, 500, { message: 'reason must be 1 to 500 characters' })
  reason: string;
}

@ArgsType()
export class AssignToEventArgs {
  @Field(() => ID)
  @IsString()
  @Length(1, 36)
  eventId: string;

  @Field(() => ID)
  @IsString()
  @Length(1, 36)
  userId: string;

  @Field(() => EventRole)
  @IsEnum(EventRole)
  role: EventRole;
}

@ArgsType()
export class UnassignFromEventArgs {
  @Field(() => ID)
  @IsString()
  @Length(1, 36)
  eventId: string;

  @Field(() => ID)
  @IsString()
  @Length(1, 36)
  userId: string;
}

@ArgsType()
export class JoinEventArgs {
  @Field()
  @IsString()
  @Length(1, 200)
  token: string;

  /** How the volunteer is shown to the event's staff. */
  @Field()
  @IsString()
  @Length(1, 100, { message: 'name must be 1 to 100 characters' })
  name: string;
}

@ArgsType()
export class MyEventsArgs {
  /** Events ending after this instant; default: the start of today in APP_TIMEZONE. */
  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @IsDate({ message: `from must be ${DATE_TIME_HINT}` })
  from?: Date;

  /** Events starting before this instant; default: 31 days after `from`. */
  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @IsDate({ message: `to must be ${DATE_TIME_HINT}` })
  to?: Date;
}
