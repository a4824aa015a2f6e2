import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One due run of a scheduled job ("weekly-digest" for the slot "2026-W48",
 * "pii-retention" for "2026-12-01"). The primary key (job, slot) is the claim:
 * the first instance to insert the row runs the job for that slot; the others
 * see the duplicate key and skip. A run that crashed keeps its row unfinished
 * until its lease runs out, then another instance takes it over.
 */
@Entity('scheduled_run')
export class ScheduledRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  job: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  slot: string;

  /** Which process holds (or held) the run; changes when an expired lease is taken over. */
  @Column({ name: 'claimed_by', type: 'varchar', length: 36 })
  claimedBy: string;

  @Column({ name: 'lease_until', type: 'datetime', precision: 3 })
  leaseUntil: Date;

  @Column({ type: 'int' })
  attempts: number;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true })
  finishedAt: Date | null;
}
