import { Inject, Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { randomUUID } from 'node:crypto';
import { TARGET_GROUPS, TargetGroup } from 'src/campaigns/target-group.enum';
import { Clock } from 'src/common/clock';
import { BadInputError } from 'src/common/errors';
import { ConnectionShape, paginate } from 'src/common/pagination';
import { groupByKey, loader, RequestContext } from 'src/common/request-context';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { retryingDeadlocks } from 'src/database/locking';
import { EventStatus } from 'src/events/event.enums';
import { EventEntity } from 'src/events/event.entity';
import { EventRepository } from 'src/events/event.repository';
import { EventService } from 'src/events/event.service';
import { AccessPolicy, Capability } from 'src/org/access-policy';
import { CheckInEntity } from './check-in.entity';
import { CheckInWriter } from './check-in-writer';
import { CheckInRepository, GroupCountRow } from './check-in.repository';
import { CheckInInput } from './dto/check-in.input';
import { CheckInsArgs } from './dto/check-ins.args';
import { Attendance, CheckInOutcome, CheckInResult } from './dto/attendance.model';
import { maskMobile, normaliseMobile, PhoneHasher } from './phone';
import { RecentEvents } from './recent-events';

const HOUR_MS = 3600_000;
/** Check-ins count from 2 hours before the start to 2 hours after the end. */
export const CHECKIN_WINDOW_MS = 2 * HOUR_MS;
/** An offline check-in made in the window may still arrive this long after the end. */
export const LATE_SYNC_MS = 24 * HOUR_MS;
/** Phone clocks drift; a tap this far "in the future" is still believed. */
const CLOCK_SKEW_MS = 5 * 60_000;
export const MAX_TALLY = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEADLOCK_RETRIES = 5;

/** Why an item was not accepted; the phone shows it to the volunteer. */
export type RejectReason =
  | 'INVALID_CLIENT_ID'
  | 'INVALID_COUNT'
  | 'TALLY_WITH_PERSONAL_DATA'
  | 'INVALID_PHONE'
  | 'INVALID_NAME'
  | 'EVENT_NOT_FOUND'
  | 'EVENT_NOT_OPEN'
  | 'OUTSIDE_CHECKIN_WINDOW'
  | 'CHECKED_IN_AT_IN_FUTURE'
  | 'NOT_ASSIGNED';

type Permission = 'ALLOWED' | 'NOT_ASSIGNED' | 'HIDDEN';

interface Problem {
  reason: RejectReason;
  field: string;
  message: string;
}

/** An item that passed every rule and is ready to insert. */
type Candidate = Omit<CheckInEntity, 'id' | 'batchId'>;

@Injectable()
export class CheckInService {
  private readonly phones: PhoneHasher;
  private readonly recentEvents = new RecentEvents();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly checkIns: CheckInRepository,
    private readonly writer: CheckInWriter,
    private readonly events: EventRepository,
    private readonly eventService: EventService,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
  ) {
    this.phones = new PhoneHasher(config.appSecret);
  }

  /**
   * One check-in. Input a person can fix is BAD_USER_INPUT naming the field;
   * everything else (duplicate, window, scope) is an outcome in the result.
   */
  async checkIn(ctx: RequestContext, input: CheckInInput): Promise<CheckInResult> {
    const now = this.clock.now();
    const problem = this.validateShape(input, now);
    if (problem && isInputProblem(problem.reason)) throw new BadInputError(problem.message, [`input.${problem.field}`]);
    const accepted = problem ? null : await this.acceptOnRecentEvent(ctx, input, now);
    if (accepted) return accepted;
    const [result] = await this.sync(ctx, [input]);
    return result;
  }

  /**
   * The common case in one statement: decide on a recently read copy of the
   * event and insert only while the facts decided on still hold. Null when that
   * cannot decide (no recent copy, a rule fails, a duplicate, the event changed):
   * the full path then decides again from fresh reads.
   */
  private async acceptOnRecentEvent(ctx: RequestContext, input: CheckInInput, now: Date): Promise<CheckInResult | null> {
    const recent = this.recentEvents.get(input.eventId, now);
    if (!recent) return null;
    const principal = this.access.principal(ctx);
    const { event } = recent;
    let assigneeId: string | undefined;
    if ((await this.permissionWithoutAssignments(ctx, event)) !== 'ALLOWED') {
      if (principal.eventId || !recent.assignees.has(principal.userId)) return null;
      assigneeId = principal.userId;
    }
    if (this.validateAgainstEvent(input, event, 'ALLOWED', now)) return null;
    const row = { ...this.toRow(input, principal.userId, now), batchId: randomUUID() };
    const facts = { id: event.id, status: event.status, startsAt: event.startsAt, endsAt: event.endsAt, orgUnitId: event.orgUnitId, assigneeId };
    const inserted = await this.writer.insert(row, facts);
    return inserted ? { clientId: String(input.clientId), outcome: CheckInOutcome.ACCEPTED, reason: null, attendanceEventId: event.id } : null;
  }

  /**
   * Records a batch from a phone: one result per item, in order. An item is
   * accepted once: a repeated clientId, or a phone already checked in at that
   * event, is DUPLICATE and counts nothing; a bad item is REJECTED alone.
   */
  async sync(ctx: RequestContext, items: CheckInInput[]): Promise<CheckInResult[]> {
    const principal = this.access.principal(ctx);
    const now = this.clock.now();
    const eventIds = [...new Set(items.map((i) => i.eventId).filter((id) => typeof id === 'string' && id.length <= 36))];
    const events = new Map((await this.events.findByIds(eventIds)).map((e) => [e.id, e]));
    for (const event of events.values()) this.recentEvents.remember(event, now);
    const permission = await this.permissions(ctx, [...events.values()]);

    // Attendance is read later, only if the client asks for it (CheckInResultResolver).
    const result = (index: number, outcome: CheckInOutcome, reason: string | null): CheckInResult => {
      const { clientId, eventId } = items[index];
      return { clientId: String(clientId ?? ''), outcome, reason, attendanceEventId: permission.get(eventId) === 'ALLOWED' ? eventId : null };
    };
    const results: (CheckInResult | null)[] = items.map(() => null);
    const candidates: { index: number; row: Candidate }[] = [];
    const seenInBatch = new Set<string>();
    items.forEach((item, index) => {
      const problem = this.validateShape(item, now) ?? this.validateAgainstEvent(item, events.get(item.eventId), permission.get(item.eventId), now);
      if (problem) {
        results[index] = result(index, CheckInOutcome.REJECTED, problem.reason);
        return;
      }
      // The same clientId twice in one batch: the first stands, the others are DUPLICATE.
      const key = `${item.eventId}/${item.clientId.toLowerCase()}`;
      if (seenInBatch.has(key)) {
        results[index] = result(index, CheckInOutcome.DUPLICATE, 'DUPLICATE_CLIENT_ID');
        return;
      }
      seenInBatch.add(key);
      candidates.push({ index, row: this.toRow(item, principal.userId, now) });
    });
    const outcomes = await this.insert(candidates.map((c) => c.row));
    candidates.forEach((c, i) => (results[c.index] = result(c.index, outcomes[i].outcome, outcomes[i].reason)));
    return results as CheckInResult[];
  }

  /** Accepted counts of an event the caller may read. */
  async attendance(ctx: RequestContext, eventId: string): Promise<Attendance> {
    await this.eventService.requireReadable(ctx, eventId);
    return this.loadAttendance(ctx, eventId);
  }

  /** The event's check-ins in arrival order, for those who may read the event. */
  async list(ctx: RequestContext, args: CheckInsArgs): Promise<ConnectionShape<CheckInEntity>> {
    await this.eventService.requireReadable(ctx, args.eventId);
    return paginate(this.checkIns.pageQuery(args.eventId), args, [
      // ids are BIGINT: compare them as numbers, not strings.
      { column: 'c.id', value: (c) => Number(c.id), parse: (raw) => Number(raw) },
    ]);
  }

  /** Batched attendance for `Event.attendance`; the caller already sees the event. */
  async loadAttendance(ctx: RequestContext, eventId: string): Promise<Attendance> {
    return loader(ctx, 'checkin.attendance', () =>
      new DataLoader<string, Attendance>(async (ids) => {
        const byEvent = toAttendance(ids, await this.checkIns.countsByGroup(ids));
        return ids.map((id) => byEvent.get(id) as Attendance);
      }),
    ).load(eventId);
  }

  /**
   * A link session checks in at its one event; otherwise anyone who may run
   * events in the event's org unit, or who is assigned to it. Others learn
   * NOT_ASSIGNED if the event is in their part of the bank, else nothing about it.
   * Asks the cheapest question first, so a check-in usually costs one look-up here.
   */
  private async permissions(ctx: RequestContext, events: EventEntity[]): Promise<Map<string, Permission>> {
    const principal = this.access.principal(ctx);
    const result = new Map<string, Permission>();
    const undecided: EventEntity[] = [];
    for (const event of events) {
      const decided = await this.permissionWithoutAssignments(ctx, event);
      if (decided) result.set(event.id, decided);
      else undecided.push(event);
    }
    if (undecided.length === 0) return result;
    const assigned = new Set(
      (await this.events.assignmentsOf(undecided.map((e) => e.id))).filter((a) => a.userId === principal.userId).map((a) => a.eventId),
    );
    for (const event of undecided) {
      if (assigned.has(event.id)) {
        result.set(event.id, 'ALLOWED');
        this.recentEvents.rememberAssignee(event.id, principal.userId);
      } else result.set(event.id, (await this.access.can(ctx, Capability.READ, event.orgUnitId)) ? 'NOT_ASSIGNED' : 'HIDDEN');
    }
    return result;
  }

  /** A link session's one event, or an event the caller may run by role and scope; undefined when only an assignment can tell. */
  private async permissionWithoutAssignments(ctx: RequestContext, event: EventEntity): Promise<Permission | undefined> {
    const principal = this.access.principal(ctx);
    if (principal.eventId) return principal.eventId === event.id ? 'ALLOWED' : 'HIDDEN';
    if (this.access.hasCapability(principal.role, Capability.MANAGE_EVENTS) && (await this.access.can(ctx, Capability.MANAGE_EVENTS, event.orgUnitId))) return 'ALLOWED';
    return undefined;
  }

  /** Rules on the item alone: a UUID clientId, a tally of 1..200 without personal data, a real mobile number. */
  private validateShape(item: CheckInInput, now: Date): Problem | null {
    if (typeof item.clientId !== 'string' || !UUID.test(item.clientId)) {
      return { reason: 'INVALID_CLIENT_ID', field: 'clientId', message: 'clientId must be a UUID made by the phone.' };
    }
    if (!Number.isInteger(item.count) || item.count < 1 || item.count > MAX_TALLY) {
      return { reason: 'INVALID_COUNT', field: 'count', message: `count must be from 1 to ${MAX_TALLY}.` };
    }
    const name = item.name?.trim() || null;
    const phone = item.phone?.trim() || null;
    if (item.count > 1 && (name || phone)) {
      return { reason: 'TALLY_WITH_PERSONAL_DATA', field: name ? 'name' : 'phone', message: 'A tally of several people takes no name or phone.' };
    }
    if (name && name.length > 100) return { reason: 'INVALID_NAME', field: 'name', message: 'name must be at most 100 characters.' };
    // The number itself never goes into a message or a log.
    if (phone && !normaliseMobile(phone)) return { reason: 'INVALID_PHONE', field: 'phone', message: 'phone must be a mainland China mobile number (11 digits starting with 1).' };
    if (item.checkedInAt && item.checkedInAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      return { reason: 'CHECKED_IN_AT_IN_FUTURE', field: 'checkedInAt', message: 'checkedInAt is in the future; check the phone clock.' };
    }
    return null;
  }

  /**
   * Rules against the event: it is SCHEDULED or IN_PROGRESS (or COMPLETED, for an
   * offline check-in arriving late), the tap lies in [start − 2h, end + 2h], and
   * it arrives no later than 24h after the end.
   */
  private validateAgainstEvent(item: CheckInInput, event: EventEntity | undefined, permission: string | undefined, now: Date): Problem | null {
    if (!event || permission === 'HIDDEN') return { reason: 'EVENT_NOT_FOUND', field: 'eventId', message: 'No such event.' };
    if (permission === 'NOT_ASSIGNED') return { reason: 'NOT_ASSIGNED', field: 'eventId', message: 'You are not assigned to this event.' };
    const open = event.status === EventStatus.SCHEDULED || event.status === EventStatus.IN_PROGRESS || event.status === EventStatus.COMPLETED;
    if (!open) return { reason: 'EVENT_NOT_OPEN', field: 'eventId', message: `The event is ${event.status.toLowerCase()}.` };
    const at = (item.checkedInAt ?? now).getTime();
    const inWindow = at >= event.startsAt.getTime() - CHECKIN_WINDOW_MS && at <= event.endsAt.getTime() + CHECKIN_WINDOW_MS;
    const inTime = now.getTime() <= event.endsAt.getTime() + LATE_SYNC_MS;
    if (!inWindow || !inTime) return { reason: 'OUTSIDE_CHECKIN_WINDOW', field: 'checkedInAt', message: 'The check-in is outside the event’s check-in window.' };
    return null;
  }

  private toRow(item: CheckInInput, userId: string, now: Date): Candidate {
    const mobile = item.phone?.trim() ? normaliseMobile(item.phone) : null;
    return {
      eventId: item.eventId,
      clientId: item.clientId.toLowerCase(),
      targetGroup: item.targetGroup,
      count: item.count,
      name: item.name?.trim() || null,
      phoneHmac: mobile ? this.phones.hash(mobile) : null,
      phoneMasked: mobile ? maskMobile(mobile) : null,
      checkedInAt: item.checkedInAt ?? now,
      receivedAt: now,
      recordedById: userId,
      piiErasedAt: null,
    };
  }

  /**
   * Inserts in one statement that skips rows a unique key refuses, then reads back
   * which rows this batch wrote: ours are ACCEPTED, a clientId stored earlier is
   * DUPLICATE, and a missing row lost to the phone key is ALREADY_CHECKED_IN.
   * A deadlock (concurrent batches touching the same keys) retries here, never reaching the phone.
   */
  private async insert(rows: Candidate[]): Promise<{ outcome: CheckInOutcome; reason: string | null }[]> {
    if (rows.length === 0) return [];
    const batchId = randomUUID();
    // One statement: a retry after a lost deadlock (rolled back whole) is safe.
    const inserted = await retryingDeadlocks(() => this.checkIns.insertIgnoringDuplicates(rows.map((r) => ({ ...r, batchId }))), DEADLOCK_RETRIES);
    // Every row went in: all accepted, no need to read back.
    if (inserted === rows.length) return rows.map(() => ({ outcome: CheckInOutcome.ACCEPTED, reason: null }));
    const stored = new Map<string, string>();
    const eventIds = [...new Set(rows.map((r) => r.eventId))];
    const groups = groupByKey(eventIds, rows, (r) => r.eventId);
    for (const [i, eventId] of eventIds.entries()) {
      for (const s of await this.checkIns.findByClientIds(eventId, groups[i].map((r) => r.clientId))) stored.set(`${eventId}/${s.clientId}`, s.batchId);
    }
    return rows.map((r) => {
      const by = stored.get(`${r.eventId}/${r.clientId}`);
      if (by === batchId) return { outcome: CheckInOutcome.ACCEPTED, reason: null };
      if (by) return { outcome: CheckInOutcome.DUPLICATE, reason: 'DUPLICATE_CLIENT_ID' };
      return { outcome: CheckInOutcome.DUPLICATE, reason: 'ALREADY_CHECKED_IN' };
    });
  }
}

function isInputProblem(reason: RejectReason): boolean {
  return ['INVALID_CLIENT_ID', 'INVALID_COUNT', 'TALLY_WITH_PERSONAL_DATA', 'INVALID_PHONE', 'INVALID_NAME'].includes(reason);
}

function toAttendance(eventIds: readonly string[], rows: GroupCountRow[]): Map<string, Attendance> {
  const grouped = groupByKey(eventIds, rows, (r) => r.eventId);
  return new Map(
    eventIds.map((id, i) => {
      const counts = new Map(grouped[i].map((r) => [r.targetGroup, r.count]));
      const byTargetGroup = TARGET_GROUPS.filter((g: TargetGroup) => (counts.get(g) ?? 0) > 0).map((g) => ({ targetGroup: g, count: counts.get(g) as number }));
      return [id, { total: byTargetGroup.reduce((sum, g) => sum + g.count, 0), byTargetGroup }];
    }),
  );
}
