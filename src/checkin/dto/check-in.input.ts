import { Field, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import { Allow } from 'class-validator';
import { TargetGroup } from 'src/campaigns/target-group.enum';

/**
 * One check-in as the phone sends it. Its rules (UUID clientId, tally 1..200
 * without personal data, a mainland mobile number) are checked per item by
 * CheckInService, so that in `syncCheckIns` a bad item rejects only itself;
 * `@Allow()` only keeps the global pipe's whitelist from stripping the fields.
 */
@InputType()
export class CheckInInput {
  @Allow()
  @Field(() => ID)
  clientId: string;

  @Allow()
  @Field(() => ID)
  eventId: string;

  @Allow()
  @Field(() => TargetGroup)
  targetGroup: TargetGroup;

  @Allow()
  @Field(() => Int, { defaultValue: 1 })
  count: number = 1;

  @Allow()
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Allow()
  @Field(() => String, { nullable: true })
  phone?: string | null;

  /** When the volunteer tapped, by the phone's clock; default: now. */
  @Allow()
  @Field(() => GraphQLISODateTime, { nullable: true })
  checkedInAt?: Date | null;
}
