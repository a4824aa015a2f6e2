import { EventStatus } from 'src/events/event.enums';
import { CheckInEntity } from './check-in.entity';
import { CheckInRepository, EventFacts } from './check-in.repository';
import { CheckInWriter, MAX_COALESCED_ROWS } from './check-in-writer';

type Row = Omit<CheckInEntity, 'id'>;

const FACTS: EventFacts = { id: 'event-1', status: EventStatus.IN_PROGRESS, startsAt: new Date('2026-03-15T01:00:00Z'), endsAt: new Date('2026-03-15T05:00:00Z'), orgUnitId: 'unit-1' };

function row(n: number, eventId = FACTS.id): Row {
  return { eventId, clientId: `client-${n}`, batchId: `batch-${n}`, targetGroup: 'ELDERLY', count: 1 } as Row;
}

/** A repository whose statements the test finishes by hand, recording what each carried. */
class FakeRepository {
  readonly statements: { rows: Row[]; facts: EventFacts; finish: (inserted: string[] | Error) => void }[] = [];

  insertWhileEventUnchanged(rows: Row[], facts: EventFacts): Promise<Set<string>> {
    return new Promise((resolve, reject) => {
      this.statements.push({ rows, facts, finish: (inserted) => (inserted instanceof Error ? reject(inserted) : resolve(new Set(inserted))) });
    });
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe(CheckInWriter.name, () => {
  let repository: FakeRepository;
  let writer: CheckInWriter;

  beforeEach(() => {
    repository = new FakeRepository();
    writer = new CheckInWriter(repository as unknown as CheckInRepository);
  });

  it('writes a check-in at once, alone, when nothing else is in flight', async () => {
    const accepted = writer.insert(row(1), FACTS);
    expect(repository.statements.map((s) => s.rows.length)).toEqual([1]);
    repository.statements[0].finish(['batch-1']);
    await expect(accepted).resolves.toBe(true);
  });

  it('queues check-ins while two statements run and writes them together in the next', async () => {
    const answers = [1, 2, 3, 4, 5].map((n) => writer.insert(row(n), FACTS));
    expect(repository.statements.map((s) => s.rows.map((r) => r.clientId))).toEqual([['client-1'], ['client-2']]);
    repository.statements[0].finish(['batch-1']);
    await tick();
    expect(repository.statements[2].rows.map((r) => r.clientId)).toEqual(['client-3', 'client-4', 'client-5']);
    // Each caller learns about its own row: client-4's was refused (a duplicate, or the event changed).
    repository.statements[2].finish(['batch-3', 'batch-5']);
    repository.statements[1].finish(['batch-2']);
    await expect(Promise.all(answers)).resolves.toEqual([true, true, true, false, true]);
  });

  it('keeps events (and facts) apart: one statement never mixes them', async () => {
    const first = [writer.insert(row(1), FACTS), writer.insert(row(2), FACTS)];
    const other = { ...FACTS, id: 'event-2' };
    const moved = { ...FACTS, endsAt: new Date('2026-03-15T06:00:00Z') };
    const later = [writer.insert(row(3, 'event-2'), other), writer.insert(row(4), moved), writer.insert(row(5), FACTS)];
    // Finish every statement as it comes, until all are answered.
    for (let done = 0; done < repository.statements.length || done < 5; done++) {
      while (done >= repository.statements.length) await tick();
      const s = repository.statements[done];
      s.finish(s.rows.map((r) => r.batchId));
    }
    await expect(Promise.all([...first, ...later])).resolves.toEqual([true, true, true, true, true]);
    const carried = repository.statements.slice(2).map((s) => [s.facts, s.rows.map((r) => r.clientId)]);
    expect(carried).toHaveLength(3);
    expect(carried).toEqual(
      expect.arrayContaining([
        [FACTS, ['client-5']],
        [other, ['client-3']],
        [moved, ['client-4']],
      ]),
    );
  });

  it(`puts at most ${MAX_COALESCED_ROWS} rows in one statement`, async () => {
    const answers = Array.from({ length: 2 + MAX_COALESCED_ROWS + 5 }, (_, n) => writer.insert(row(n), FACTS));
    repository.statements[0].finish(['batch-0']);
    repository.statements[1].finish(['batch-1']);
    await tick();
    expect(repository.statements.slice(2).map((s) => s.rows.length)).toEqual([MAX_COALESCED_ROWS, 5]);
    repository.statements.slice(2).forEach((s) => s.finish(s.rows.map((r) => r.batchId)));
    expect((await Promise.all(answers)).every(Boolean)).toBe(true);
  });

  it('fails every row of a statement that failed, and goes on with the next', async () => {
    const answers = [1, 2, 3, 4].map((n) => writer.insert(row(n), FACTS).catch((error: Error) => error.message));
    repository.statements[0].finish(['batch-1']);
    repository.statements[1].finish(['batch-2']);
    await tick();
    repository.statements[2].finish(new Error('connection lost'));
    await expect(Promise.all(answers)).resolves.toEqual([true, true, 'connection lost', 'connection lost']);
    const next = writer.insert(row(5), FACTS);
    repository.statements[3].finish(['batch-5']);
    await expect(next).resolves.toBe(true);
  });
});
