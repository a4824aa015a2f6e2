import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * PENDING: waiting for its (next) try. SENT: accepted by the SMTP server (or
 * written as .eml). FAILED: refused for good, out of tries, or never sendable
 * (no usable address: `attempts` 0 and `lastError` says why).
 */
export enum EmailStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}

registerEnumType(EmailStatus, { name: 'EmailStatus' });

/**
 * One email, written in the same transaction as the change that causes it and
 * sent later by the OutboxWorker, so a rolled-back change sends nothing and a
 * committed one is never lost. The row keeps the template's view model and is
 * rendered when sent. A worker claims due rows (`claimed_by` + `lease_until`)
 * so that no two instances send one row; the row id is the stable Message-ID.
 */
@ObjectType('OutboxEmail')
@Entity('email_outbox')
@Index('IDX_email_outbox_due', ['status', 'nextAttemptAt'])
@Index('IDX_email_outbox_created', ['createdAt', 'id'])
export class EmailOutboxEntity {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 40 })
  template: string;

  /** zh-CN or en: the recipient's language when the email was written. */
  @Column({ type: 'varchar', length: 10 })
  locale: string;

  @Field(() => String, { name: 'to' })
  @Column({ type: 'varchar', length: 254 })
  recipient: string;

  @Column({ name: 'recipient_name', type: 'varchar', length: 100 })
  recipientName: string;

  /** The user the email is for, when it is one; kept for the record, no foreign key (the outbox knows no domain). */
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  /** As rendered when the row was written; what `emailOutbox` lists. */
  @Field()
  @Column({ type: 'varchar', length: 300 })
  subject: string;

  /** The template's view model (see EmailModels), as JSON. */
  @Column({ type: 'simple-json' })
  model: object;

  /** Jobs that may run on several instances or again after a restart write a key; the unique index keeps one row per key. */
  @Index('UQ_email_outbox_dedupe', { unique: true })
  @Column({ name: 'dedupe_key', type: 'varchar', length: 191, nullable: true })
  dedupeKey: string | null;

  @Field(() => EmailStatus)
  @Column({ type: 'varchar', length: 16 })
  status: EmailStatus;

  /** Tries made so far. */
  @Field(() => Int)
  @Column({ type: 'int' })
  attempts: number;

  /** A PENDING row is sent at or after this instant. */
  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3 })
  nextAttemptAt: Date;

  @Field(() => String, { nullable: true })
  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  /** The worker process sending the row right now; null when nobody is. */
  @Column({ name: 'claimed_by', type: 'varchar', length: 36, nullable: true })
  claimedBy: string | null;

  /** A claim older than this is taken to be dead (its process crashed) and may be taken over. */
  @Column({ name: 'lease_until', type: 'datetime', precision: 3, nullable: true })
  leaseUntil: Date | null;

  @Field(() => GraphQLISODateTime)
  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ name: 'sent_at', type: 'datetime', precision: 3, nullable: true })
  sentAt: Date | null;
}
