import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from 'src/auth/user.entity';
import { LocalDateScalar } from 'src/common/scalars/local-date.scalar';
import { OrgUnitEntity } from 'src/org/org-unit.entity';
import { ReachMetric } from './reach-metric.enum';
import { TargetGroup } from './target-group.enum';

/**
 * A named drive with dates and numeric targets, owned by an org unit whose
 * subtree it covers. `orgUnit` and `targets` are resolved in CampaignResolver;
 * `progress` is added by reach.
 */
@ObjectType('Campaign')
@Entity('campaign')
@Index('IDX_campaign_org_unit', ['orgUnitId', 'startDate'])
@Index('IDX_campaign_dates', ['startDate', 'endDate'])
export class CampaignEntity {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  theme: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** First day, in APP_TIMEZONE. Stored as a DATE and read back as 'YYYY-MM-DD' whatever the process time zone. */
  @Field(() => LocalDateScalar)
  @Column({ name: 'start_date', type: 'date', utc: true })
  startDate: string;

  /** Last day (inclusive), in APP_TIMEZONE. */
  @Field(() => LocalDateScalar)
  @Column({ name: 'end_date', type: 'date', utc: true })
  endDate: string;

  @Column({ name: 'org_unit_id', type: 'varchar', length: 36 })
  orgUnitId: string;

  @ManyToOne(() => OrgUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: OrgUnitEntity;

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

/** One numeric goal of a campaign: a metric, optionally for one target group. */
@ObjectType('CampaignTarget')
@Entity('campaign_target')
@Index('IDX_campaign_target_campaign', ['campaignId', 'position'])
export class CampaignTargetEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'campaign_id', type: 'varchar', length: 36 })
  campaignId: string;

  @ManyToOne(() => CampaignEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: CampaignEntity;

  @Field(() => ReachMetric)
  @Column({ type: 'varchar', length: 32 })
  metric: ReachMetric;

  @Field(() => TargetGroup, { nullable: true })
  @Column({ name: 'target_group', type: 'varchar', length: 24, nullable: true })
  targetGroup: TargetGroup | null;

  @Field(() => Int)
  @Column({ type: 'int' })
  goal: number;

  /** Keeps the targets in the order they were given. */
  @Column({ type: 'int' })
  position: number;
}
