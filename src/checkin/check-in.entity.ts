import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from 'src/auth/user.entity';
import { TargetGroup } from 'src/campaigns/target-group.enum';
import { EventEntity } from 'src/events/event.entity';

/**
 * One accepted check-in: a named person or a tally of `count` people of one
 * target group. Only accepted check-ins are stored; the unique keys on
 * (event, clientId) and (event, phone HMAC) are what decide "accepted once".
 * The clear phone number is never stored: `phoneHmac` de-duplicates and
 * `phoneMasked` (138****5678) is for display. `recordedBy` is resolved in CheckInResolver.
 */
@ObjectType('CheckIn')
@Entity('check_in')
@Index('UQ_check_in_event_client', ['eventId', 'clientId'], { unique: true })
@Index('UQ_check_in_event_phone', ['eventId', 'phoneHmac'], { unique: true })
@Index('IDX_check_in_event_group', ['eventId', 'targetGroup', 'count'])
@Index('IDX_check_in_reach_fold', ['reachFolded', 'eventId', 'targetGroup', 'count'])
/** The retention job's queue: rows not yet erased, oldest first (src/checkin/check-in-retention.ts). */
@Index('IDX_check_in_retention', ['piiErasedAt', 'checkedInAt'])
export class CheckInEntity {
  /**
   * Auto-increment, so id order follows arrival and reach can keep a watermark.
   * INT (not BIGINT) because SQLite auto-increments only an INTEGER key; 2.1 billion
   * check-ins is far beyond a bank's outreach volume.
   */
  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'int' })
  id: string;

  @Column({ name: 'event_id', type: 'varchar', length: 36 })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  /** The phone's own id for this check-in (a UUID), so a retry is recognised. */
  @Field(() => ID)
  @Column({ name: 'client_id', type: 'varchar', length: 36 })
  clientId: string;

  @Field(() => TargetGroup)
  @Column({ name: 'target_group', type: 'varchar', length: 24 })
  targetGroup: TargetGroup;

  @Field(() => Int)
  @Column({ type: 'int' })
  count: number;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  name: string | null;

  @Column({ name: 'phone_hmac', type: 'varchar', length: 64, nullable: true })
  phoneHmac: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'phone_masked', type: 'varchar', length: 11, nullable: true })
  phoneMasked: string | null;

  /** When the volunteer tapped, by the phone's clock (may be before an offline sync). */
  @Field(() => GraphQLISODateTime)
  @Column({ name: 'checked_in_at', type: 'datetime', precision: 3 })
  checkedInAt: Date;

  /** When the server stored it. */
  @Column({ name: 'received_at', type: 'datetime', precision: 3 })
  receivedAt: Date;

  @Column({ name: 'recorded_by_id', type: 'varchar', length: 36 })
  recordedById: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id' })
  recordedBy?: UserEntity;

  /** The request that stored the row: tells "inserted now" from "was already there" after an INSERT IGNORE. */
  @Column({ name: 'batch_id', type: 'varchar', length: 36 })
  batchId: string;

  /**
   * 0 until the reach folder (src/reach) counts this row into reach_rollup; then the number of
   * the fold that counted it, so a fold marks its batch with one UPDATE and sums exactly that
   * batch through the index. Inserts leave the default, so the check-in path stays one INSERT;
   * the index lets reach read the few not-yet-folded rows. A per-row mark rather than an id
   * watermark: a lower auto-increment id can commit after a higher one, which a watermark
   * would skip forever.
   */
  @Column({ name: 'reach_folded', type: 'int', default: 0 })
  reachFolded?: number;

  /** Set when the retention job erased name and phone; the counts stay. */
  @Column({ name: 'pii_erased_at', type: 'datetime', precision: 3, nullable: true })
  piiErasedAt: Date | null;
}
