import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from 'src/auth/user.entity';
import { CampaignEntity } from 'src/campaigns/campaign.entity';
import { TargetGroup } from 'src/campaigns/target-group.enum';
import { OrgUnitEntity } from 'src/org/org-unit.entity';
import { EventStatus, VenueType } from './event.enums';

/**
 * One outreach activity. Times are stored in UTC. `orgUnit`, `campaign`,
 * `targetGroups` and `assignments` are resolved in EventResolver; `attendance`
 * and `leafletsDistributed` are added by the check-in and materials domains.
 */
@ObjectType('Event')
@Entity('event')
@Index('IDX_event_starts', ['startsAt', 'id'])
@Index('IDX_event_org_unit_starts', ['orgUnitId', 'startsAt'])
@Index('IDX_event_campaign_starts', ['campaignId', 'startsAt'])
export class EventEntity {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ name: 'campaign_id', type: 'varchar', length: 36, nullable: true })
  campaignId: string | null;

  @ManyToOne(() => CampaignEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: CampaignEntity;

  @Column({ name: 'org_unit_id', type: 'varchar', length: 36 })
  orgUnitId: string;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: OrgUnitEntity;

  @Field(() => VenueType)
  @Column({ name: 'venue_type', type: 'varchar', length: 24 })
  venueType: VenueType;

  @Field()
  @Column({ name: 'venue_name', type: 'varchar', length: 200 })
  venueName: string;

  /** Not needed for an ONLINE event. */
  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;

  @Field(() => GraphQLISODateTime)
  @Column({ name: 'starts_at', type: 'datetime', precision: 3 })
  startsAt: Date;

  @Field(() => GraphQLISODateTime)
  @Column({ name: 'ends_at', type: 'datetime', precision: 3 })
  endsAt: Date;

  /**
   * Shown as given, never filtered on, so a JSON list in a text column is enough;
   * target groups, which reach joins and filters on, have their own table.
   */
  @Field(() => [String])
  @Column({ type: 'simple-json' })
  topics: string[];

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  capacity: number | null;

  @Field(() => EventStatus)
  @Index('IDX_event_status')
  @Column({ type: 'varchar', length: 16 })
  status: EventStatus;

  /** Viewers of an ONLINE event, reported by completeEvent. */
  @Field(() => Int, { nullable: true })
  @Column({ name: 'online_views', type: 'int', nullable: true })
  onlineViews: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'media_reports', type: 'int', nullable: true })
  mediaReports: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'cancel_reason', type: 'varchar', length: 500, nullable: true })
  cancelReason: string | null;

  // When each status was entered: reach, reminders and summaries read these.
  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ name: 'scheduled_at', type: 'datetime', precision: 3, nullable: true })
  scheduledAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ name: 'started_at', type: 'datetime', precision: 3, nullable: true })
  startedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ name: 'cancelled_at', type: 'datetime', precision: 3, nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'created_by_id', type: 'varchar', length: 36 })
  createdById: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: UserEntity;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}

/**
 * The target groups of an event, one row each: reach joins this table to count
 * events per group, and `events(filter: { targetGroup })` filters through it.
 */
@Entity('event_target_group')
@Index('IDX_event_target_group_group', ['targetGroup', 'eventId'])
export class EventTargetGroupEntity {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 36 })
  eventId: string;

  @PrimaryColumn({ name: 'target_group', type: 'varchar', length: 24 })
  targetGroup: TargetGroup;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;
}
