import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TargetGroup } from 'src/campaigns/target-group.enum';
import { Connection } from 'src/common/pagination';
import { CheckInEntity } from 'src/checkin/check-in.entity';

export enum CheckInOutcome {
  ACCEPTED = 'ACCEPTED',
  DUPLICATE = 'DUPLICATE',
  REJECTED = 'REJECTED',
}
registerEnumType(CheckInOutcome, { name: 'CheckInOutcome' });

@ObjectType()
export class TargetGroupCount {
  @Field(() => TargetGroup)
  targetGroup: TargetGroup;

  @Field(() => Int)
  count: number;
}

/** Accepted check-in counts of one event. */
@ObjectType()
export class Attendance {
  @Field(() => Int)
  total: number;

  /** Groups with at least one person, in the contract's order. */
  @Field(() => [TargetGroupCount])
  byTargetGroup: TargetGroupCount[];
}

@ObjectType()
export class CheckInResult {
  @Field(() => ID)
  clientId: string;

  @Field(() => CheckInOutcome)
  outcome: CheckInOutcome;

  /** Why it was not accepted (REJECTED) or not counted again (DUPLICATE). */
  @Field(() => String, { nullable: true })
  reason: string | null;

  /**
   * The event whose attendance the `attendance` field shows (resolved in
   * CheckInResultResolver, only when asked for); null when the caller may not see it.
   */
  attendanceEventId: string | null;
}

export const CheckInConnection = Connection(CheckInEntity, 'CheckIn');
