import { Injectable } from '@nestjs/common';
import { retryingDeadlocks } from 'src/database/locking';
import { CheckInEntity } from './check-in.entity';
import { CheckInRepository, EventFacts } from './check-in.repository';

/** Rows in one statement at most: a busy hall's burst, and well inside SQLite's 500 compound SELECTs. */
export const MAX_COALESCED_ROWS = 100;
/**
 * Statements in flight at once. While they run, new check-ins queue and go
 * together in the next statement: at low load a check-in is written at once,
 * alone; under load each statement carries many, so the service and the
 * database pay one round trip and one commit for all of them.
 */
const MAX_IN_FLIGHT = 2;
const DEADLOCK_RETRIES = 5;

type Row = Omit<CheckInEntity, 'id'>;

interface Waiting {
  row: Row;
  done: (inserted: boolean) => void;
  fail: (error: unknown) => void;
}

interface Queue {
  facts: EventFacts;
  waiting: Waiting[];
}

/**
 * The write of the single check-in hot path (CheckInService.checkIn on a
 * recently read event): coalesces concurrent guarded inserts of the same event
 * and the same facts into one multi-row statement. Each caller still learns
 * whether its own row went in (its batchId), so exactly-once and the per-item
 * fallback are as for a row written alone; an error fails every row of its
 * statement, and each phone sends again.
 */
@Injectable()
export class CheckInWriter {
  private readonly queues = new Map<string, Queue>();
  private inFlight = 0;

  constructor(private readonly checkIns: CheckInRepository) {}

  /** Whether the row was inserted while the event still matched `facts`; false: decide again from fresh reads. */
  insert(row: Row, facts: EventFacts): Promise<boolean> {
    return new Promise<boolean>((done, fail) => {
      const key = factsKey(facts);
      const queue = this.queues.get(key) ?? { facts, waiting: [] };
      queue.waiting.push({ row, done, fail });
      this.queues.set(key, queue);
      this.pump();
    });
  }

  /** Starts statements while there is room, each taking up to MAX_COALESCED_ROWS of one queue. */
  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queues.size > 0) {
      const [key, queue] = this.queues.entries().next().value as [string, Queue];
      const batch = queue.waiting.splice(0, MAX_COALESCED_ROWS);
      if (queue.waiting.length === 0) this.queues.delete(key);
      this.inFlight += 1;
      void this.write(batch, queue.facts).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async write(batch: Waiting[], facts: EventFacts): Promise<void> {
    try {
      const inserted = await retryingDeadlocks(
        () => this.checkIns.insertWhileEventUnchanged(batch.map((w) => w.row), facts),
        DEADLOCK_RETRIES,
      );
      for (const w of batch) w.done(inserted.has(w.row.batchId));
    } catch (error) {
      for (const w of batch) w.fail(error);
    }
  }
}

function factsKey(f: EventFacts): string {
  return [f.id, f.status, f.startsAt.getTime(), f.endsAt.getTime(), f.orgUnitId, f.assigneeId ?? ''].join('\u0001');
}
