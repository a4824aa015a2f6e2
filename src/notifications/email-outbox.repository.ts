import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { isMysql } from 'src/database/engine';
import { serialOnSqlite } from 'src/database/sqlite-serial';
import { EmailOutboxEntity, EmailStatus } from './email-outbox.entity';

/** Outbox queries. No rules here: EmailOutbox and OutboxWorker hold them. */
@Injectable()
export class EmailOutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  insert(manager: EntityManager, row: EmailOutboxEntity): Promise<unknown> {
    return manager.insert(EmailOutboxEntity, row);
  }

  /** Which of these dedupe keys some row already has. */
  async existingKeys(keys: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await this.dataSource.getRepository(EmailOutboxEntity).find({ select: { dedupeKey: true }, where: { dedupeKey: In(keys.slice(i, i + 500)) } });
      for (const row of rows) if (row.dedupeKey) found.add(row.dedupeKey);
    }
    return found;
  }

  /**
   * Claims up to `limit` due rows for `owner` until `leaseUntil`: PENDING, due,
   * and not held by a live claim. On MySQL the candidates are read with
   * `FOR UPDATE SKIP LOCKED`, so instances claiming at the same moment take
   * different rows instead of waiting for each other; SQLite has one writer.
   */
  async claimDue(now: Date, limit: number, owner: string, leaseUntil: Date): Promise<EmailOutboxEntity[]> {
    const work = async (manager: EntityManager) => {
      const query = manager
        .getRepository(EmailOutboxEntity)
        .createQueryBuilder('o')
        .where('o.status = :pending', { pending: EmailStatus.PENDING })
        .andWhere('o.next_attempt_at <= :now', { now })
        .andWhere(new Brackets((q) => q.where('o.lease_until IS NULL').orWhere('o.lease_until < :now', { now })))
        .orderBy('o.next_attempt_at', 'ASC')
        .addOrderBy('o.id', 'ASC')
        .limit(limit);
      if (isMysql(this.dataSource)) query.setLock('pessimistic_write').setOnLocked('skip_locked');
      const rows = await query.getMany();
      if (rows.length === 0) return [];
      await manager.update(EmailOutboxEntity, { id: In(rows.map((r) => r.id)) }, { claimedBy: owner, leaseUntil });
      return rows.map((r) => Object.assign(r, { claimedBy: owner, leaseUntil }));
    };
    return isMysql(this.dataSource) ? this.dataSource.transaction('READ COMMITTED', work) : this.dataSource.transaction(work);
  }

  /** Records the outcome of a try by `owner` and releases its claim; does nothing if the claim was lost meanwhile. */
  async finish(id: string, owner: string, changes: Partial<Pick<EmailOutboxEntity, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'sentAt'>>): Promise<void> {
    await serialOnSqlite(this.dataSource, () =>
      this.dataSource.getRepository(EmailOutboxEntity).update({ id, claimedBy: owner }, { ...changes, claimedBy: null, leaseUntil: null }),
    );
  }

  /** The outbox newest first, keyset-paged on (created_at, id) descending. */
  async page(statuses: EmailStatus[] | undefined, first: number, after: { createdAt: Date; id: string } | undefined): Promise<{ rows: EmailOutboxEntity[]; totalCount: number }> {
    const query = this.dataSource.getRepository(EmailOutboxEntity).createQueryBuilder('o');
    if (statuses?.length) query.where('o.status IN (:...statuses)', { statuses });
    const totalCount = await query.clone().getCount();
    if (after) {
      query.andWhere(
        new Brackets((q) => q.where('o.created_at < :afterAt', { afterAt: after.createdAt }).orWhere('o.created_at = :afterAt AND o.id < :afterId', { afterId: after.id })),
      );
    }
    const rows = await query.orderBy('o.created_at', 'DESC').addOrderBy('o.id', 'DESC').limit(first + 1).getMany();
    return { rows, totalCount };
  }
}
