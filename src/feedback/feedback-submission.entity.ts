import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TargetGroup } from 'src/campaigns/target-group.enum';
import { EventEntity } from 'src/events/event.entity';
import { FeedbackPhase } from './feedback.enums';

/**
 * One phone's answers to an event's feedback form in one phase. No personal
 * data: the phone is known only by `deviceKey`, a keyed hash of the token it
 * keeps in local storage (and of the event, so keys do not link events), and
 * its address only by `addressKey`, for the per-address limit. The unique key
 * on (event, phase, device) is what makes a second submission count nothing.
 */
@Entity('feedback_submission')
@Index('UQ_feedback_submission_device', ['eventId', 'phase', 'deviceKey'], { unique: true })
@Index('IDX_feedback_submission_address', ['eventId', 'addressKey'])
export class FeedbackSubmissionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'event_id', type: 'varchar', length: 36 })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @Column({ type: 'varchar', length: 8 })
  phase: FeedbackPhase;

  /** HMAC-SHA256 (hex) of event id and device token, keyed from APP_SECRET; never the token itself. */
  @Column({ name: 'device_key', type: 'varchar', length: 64 })
  deviceKey: string;

  /** HMAC-SHA256 (hex) of event id and client address, keyed from APP_SECRET. */
  @Column({ name: 'address_key', type: 'varchar', length: 64 })
  addressKey: string;

  /** 1 to 5; always given AFTER, optional BEFORE. */
  @Column({ type: 'int', nullable: true })
  rating: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  comment: string | null;

  /** The group the person said describes them (optional, a category, not personal data); null = not stated. */
  @Column({ name: 'target_group', type: 'varchar', length: 24, nullable: true })
  targetGroup: TargetGroup | null;

  @Column({ name: 'correct_count', type: 'int' })
  correctCount: number;

  @Column({ name: 'answered_count', type: 'int' })
  answeredCount: number;

  @Column({ name: 'submitted_at', type: 'datetime', precision: 3 })
  submittedAt: Date;
}
