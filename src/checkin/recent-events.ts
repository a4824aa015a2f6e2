import { EventEntity } from 'src/events/event.entity';

interface RecentEvent {
  event: EventEntity;
  /** Users found assigned to the event when it was read (or since). */
  assignees: Set<string>;
  readAt: number;
}

/**
 * Events this process read lately for check-ins, so the next check-in at the
 * same event need not read it again. Only a hint: a check-in decided on it is
 * inserted by a statement that checks in SQL that the facts still hold
 * (`CheckInRepository.insertWhileEventUnchanged`), so a copy made stale by a
 * change on this or another instance costs one more round trip, never a wrong answer.
 */
export class RecentEvents {
  private readonly entries = new Map<string, RecentEvent>();

  constructor(
    private readonly maxAgeMs = 60_000,
    private readonly limit = 5_000,
  ) {}

  get(eventId: string, now: Date): RecentEvent | undefined {
    const entry = this.entries.get(eventId);
    if (!entry) return undefined;
    if (now.getTime() - entry.readAt > this.maxAgeMs) {
      this.entries.delete(eventId);
      return undefined;
    }
    return entry;
  }

  /** Keeps a freshly read event; who was known assigned is read again with it. */
  remember(event: EventEntity, now: Date): void {
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(event.id, { event, assignees: new Set(), readAt: now.getTime() });
  }

  rememberAssignee(eventId: string, userId: string): void {
    this.entries.get(eventId)?.assignees.add(userId);
  }
}
