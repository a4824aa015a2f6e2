import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditLog, changedFields, newFields } from 'src/audit/audit-log';
import { CampaignService } from 'src/campaigns/campaign.service';
import { sortTargetGroups, TargetGroup } from 'src/campaigns/target-group.enum';
import { Clock } from 'src/common/clock';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from 'src/common/errors';
import { localDateOf, startOfLocalDay } from 'src/common/local-time';
import { ConnectionShape, paginate } from 'src/common/pagination';
import { byKey, groupByKey, loader, RequestContext, Role } from 'src/common/request-context';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { lockingTransaction } from 'src/database/locking';
import { AccessPolicy, Capability } from 'src/org/access-policy';
import { OrgRepository } from 'src/org/org.repository';
import { CreateEventInput } from './dto/create-event.input';
import { MyEventsArgs } from './dto/event-args';
import { EventsArgs } from './dto/events.args';
import { UpdateEventInput } from './dto/update-event.input';
import { EventAssignmentEntity } from './event-assignment.entity';
import { EventMailService } from './event-mail.service';
import { EventRole, EventStatus, OPEN_STATUSES, VenueType } from './event.enums';
import { EventEntity, EventTargetGroupEntity } from './event.entity';
import { EventQuery, EventRepository } from './event.repository';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
/** The longest an event may last. */
export const MAX_EVENT_DAYS = 14;
/** Events are planned in this range of years; anything else is a typo. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);
/** myEvents is a plain list: it covers at most this many days and returns at most this many events. */
const MY_EVENTS_MAX_DAYS = 366;
export const MY_EVENTS_LIMIT = 200;
const DEFAULT_MY_EVENTS_DAYS = 31;

const ROLE_ORDER: Record<EventRole, number> = { [EventRole.LEAD]: 0, [EventRole.STAFF]: 1, [EventRole.VOLUNTEER]: 2 };

/** The plannable fields of an event, after merging an input onto what is stored. */
type Plan = Pick<EventEntity, 'title' | 'campaignId' | 'venueType' | 'venueName' | 'address' | 'startsAt' | 'endsAt' | 'topics' | 'capacity'>;
/** What the audit log records of a plan. */
const PLAN_FIELDS = ['title', 'campaignId', 'venueType', 'venueName', 'address', 'startsAt', 'endsAt', 'topics', 'capacity', 'targetGroups'] as const;

@Injectable()
export class EventService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: EventRepository,
    private readonly campaigns: CampaignService,
    private readonly orgs: OrgRepository,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly mail: EventMailService,
  ) {}

  /** Plans a DRAFT event in a unit where the caller manages events; the plan must pass `validatePlan` and, with a campaign, its coverage. */
  async create(ctx: RequestContext, input: CreateEventInput): Promise<EventEntity> {
    const principal = await this.access.assertCan(ctx, Capability.MANAGE_EVENTS, input.orgUnitId);
    if (!(await this.orgs.findById(input.orgUnitId))) throw new BadInputError(`Unknown org unit ${input.orgUnitId}.`, ['input.orgUnitId']);
    const plan = normalisePlan({
      title: input.title,
      campaignId: input.campaignId ?? null,
      venueType: input.venueType,
      venueName: input.venueName,
      address: input.address ?? null,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      topics: input.topics ?? [],
      capacity: input.capacity ?? null,
    });
    validatePlan(plan);
    if (plan.campaignId) await this.assertCampaignCovers(ctx, plan.campaignId, plan, input.orgUnitId);

    const now = this.clock.now();
    const event = Object.assign(new EventEntity(), plan, {
      id: randomUUID(),
      orgUnitId: input.orgUnitId,
      status: EventStatus.DRAFT,
      onlineViews: null,
      mediaReports: null,
      notes: null,
      cancelReason: null,
      scheduledAt: null,
      startedAt: null,
      completedAt: null,
      cancelledAt: null,
      createdById: principal.userId,
      createdAt: now,
      updatedAt: now,
    });
    const targetGroups = sortTargetGroups(input.targetGroups);
    await this.dataSource.transaction(async (manager) => {
      await this.events.insert(manager, event, targetGroups);
      await this.audit.record(manager, ctx, {
        action: 'event.create',
        entityType: 'event',
        entityId: event.id,
        orgUnitId: event.orgUnitId,
        changes: newFields({ ...event, targetGroups }, ['orgUnitId', 'status', ...PLAN_FIELDS]),
      });
    });
    return event;
  }

  /**
   * Changes the plan of an event that is not completed or cancelled. New times
   * must not make anyone assigned double-booked (CONFLICT SCHEDULE_CONFLICT);
   * the campaign, if any, must still cover the event. A SCHEDULED event whose
   * time, title or place changes re-sends its invitation to everyone assigned.
   */
  async update(ctx: RequestContext, id: string, input: UpdateEventInput): Promise<EventEntity> {
    return lockingTransaction(this.dataSource, async (manager) => {
      const current = await this.events.lockById(manager, id);
      if (!current) throw this.unknownEvent(ctx, id);
      await this.assertCanManage(ctx, current);
      assertOpen(current, 'change');

      const plan = normalisePlan({
        title: input.title ?? current.title,
        campaignId: input.campaignId !== undefined ? input.campaignId : current.campaignId,
        venueType: input.venueType ?? current.venueType,
        venueName: input.venueName ?? current.venueName,
        address: input.address !== undefined ? input.address : current.address,
        startsAt: input.startsAt ?? current.startsAt,
        endsAt: input.endsAt ?? current.endsAt,
        topics: input.topics ?? current.topics,
        capacity: input.capacity !== undefined ? input.capacity : current.capacity,
      });
      validatePlan(plan);
      const timesChanged = plan.startsAt.getTime() !== current.startsAt.getTime() || plan.endsAt.getTime() !== current.endsAt.getTime();
      if (plan.campaignId && (timesChanged || plan.campaignId !== current.campaignId)) await this.assertCampaignCovers(ctx, plan.campaignId, plan, current.orgUnitId);
      if (timesChanged) {
        const userIds = await this.events.assignedUserIds(manager, id);
        await this.events.lockUsers(manager, userIds);
        for (const userId of userIds) {
          const clash = await this.events.findOverlapping(manager, userId, plan.startsAt, plan.endsAt, id);
          if (clash) throw scheduleConflict(clash, 'Someone assigned to this event');
        }
      }
      const next = Object.assign(new EventEntity(), current, plan, { updatedAt: this.clock.now() });
      const targetGroups = input.targetGroups ? sortTargetGroups(input.targetGroups) : undefined;
      const groupsBefore = targetGroups ? (await manager.findBy(EventTargetGroupEntity, { eventId: id })).map((g) => g.targetGroup) : undefined;
      await this.events.update(manager, next, targetGroups);
      await this.audit.record(manager, ctx, {
        action: 'event.update',
        entityType: 'event',
        entityId: id,
        orgUnitId: current.orgUnitId,
        changes: changedFields({ ...current, targetGroups: groupsBefore && sortTargetGroups(groupsBefore) }, { ...next, targetGroups }, PLAN_FIELDS),
      });
      // A scheduled event that moves (or changes name or place) sends its invitation again: same UID, higher SEQUENCE.
      const moved = timesChanged || plan.title !== current.title || plan.venueName !== current.venueName || plan.address !== current.address;
      if (moved && current.status === EventStatus.SCHEDULED) await this.mail.invite(manager, next, { updated: true });
      return next;
    });
  }

  /**
   * The event if the caller may read it (see `assertCanRead`). An unknown id is
   * null for ADMIN and analysts, and for everyone else the FORBIDDEN a hidden event gets.
   */
  async get(ctx: RequestContext, id: string): Promise<EventEntity | null> {
    const principal = this.access.principal(ctx);
    const event = await this.events.findById(id);
    if (!event) {
      if (this.access.readScopeRoot(ctx) === null) return null;
      throw readRefusal(principal);
    }
    await this.assertCanRead(ctx, event);
    return event;
  }

  /** Like `get`, but NOT_FOUND instead of null. */
  async requireReadable(ctx: RequestContext, id: string): Promise<EventEntity> {
    const event = await this.get(ctx, id);
    if (!event) throw new NotFoundError('Event', id);
    return event;
  }

  /** The event if the caller may plan and run it, else FORBIDDEN (or NOT_FOUND for an unknown id, see `unknownEvent`). */
  async requireManageable(ctx: RequestContext, id: string): Promise<EventEntity> {
    this.access.principal(ctx);
    const event = await this.events.findById(id);
    if (!event) throw this.unknownEvent(ctx, id);
    await this.assertCanManage(ctx, event);
    return event;
  }

  /** For an id that names no event where the caller wants to manage one: NOT_FOUND to whole-bank readers, else the same FORBIDDEN as someone else's event. */
  unknownEvent(ctx: RequestContext, id: string) {
    return this.access.unknownIdError(ctx, new NotFoundError('Event', id), this.access.refusal(Capability.MANAGE_EVENTS));
  }

  /**
   * Events the caller may list, by start time then id: a link session its one
   * event, a volunteer the events it is assigned to or joined, other roles the
   * events of their part of the bank (ADMIN and analysts: all of it).
   */
  async list(ctx: RequestContext, args: EventsArgs): Promise<ConnectionShape<EventEntity>> {
    const principal = this.access.principal(ctx);
    const filter = args.filter ?? {};
    if (filter.from && filter.to && filter.to.getTime() <= filter.from.getTime()) {
      throw new BadInputError('filter.to must be after filter.from.', ['filter.to']);
    }
    const query: EventQuery = {
      campaignId: filter.campaignId,
      statuses: filter.status,
      venueTypes: filter.venueTypes,
      targetGroup: filter.targetGroup,
      endsAfter: filter.from,
      startsBefore: filter.to,
    };
    const ownEventsOnly = Boolean(principal.eventId) || principal.role === Role.VOLUNTEER;
    if (principal.eventId) query.eventId = principal.eventId;
    if (ownEventsOnly) query.assignedTo = principal.userId;
    if (filter.orgUnitId) {
      if (!ownEventsOnly) await this.access.assertCan(ctx, Capability.READ, filter.orgUnitId);
      query.subtreeOf = filter.orgUnitId;
    } else if (!ownEventsOnly) {
      query.subtreeOf = this.access.readScopeRoot(ctx) ?? undefined;
    }
    if (filter.campaignId) await this.campaigns.require(ctx, filter.campaignId);
    return paginate(this.events.query(query), args, [
      { column: 'e.starts_at', value: (e) => e.startsAt.toISOString(), parse: (raw) => new Date(String(raw)) },
      { column: 'e.id', value: (e) => e.id },
    ]);
  }

  /**
   * The caller's own events (assigned or joined) that overlap [from, to), by start
   * time: by default from the start of today in APP_TIMEZONE for 31 days; at most
   * 366 days and 200 events.
   */
  async myEvents(ctx: RequestContext, args: MyEventsArgs): Promise<EventEntity[]> {
    const principal = this.access.principal(ctx);
    const from = args.from ?? startOfLocalDay(localDateOf(this.clock.now(), this.config.appTimezone), this.config.appTimezone);
    const to = args.to ?? new Date(from.getTime() + DEFAULT_MY_EVENTS_DAYS * DAY_MS);
    if (to.getTime() <= from.getTime()) throw new BadInputError('to must be after from.', ['to']);
    if (to.getTime() - from.getTime() > MY_EVENTS_MAX_DAYS * DAY_MS) throw new BadInputError(`myEvents covers at most ${MY_EVENTS_MAX_DAYS} days.`, ['to']);
    return this.events
      .query({ assignedTo: principal.userId, eventId: principal.eventId, endsAfter: from, startsBefore: to })
      .orderBy('e.starts_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .take(MY_EVENTS_LIMIT)
      .getMany();
  }

  /**
   * A check-in link session reads its one event; a volunteer the events it is
   * assigned to or joined; other roles the events of their part of the bank
   * (ADMIN and analysts: all) and the events they are assigned to.
   */
  async assertCanRead(ctx: RequestContext, event: EventEntity): Promise<void> {
    const principal = this.access.principal(ctx);
    if (principal.eventId) {
      if (principal.eventId === event.id) return;
      throw readRefusal(principal);
    }
    if (principal.role !== Role.VOLUNTEER && (await this.access.can(ctx, Capability.READ, event.orgUnitId))) return;
    if (await this.events.isAssigned(event.id, principal.userId)) return;
    throw readRefusal(principal);
  }

  /** Planning and running an event needs MANAGE_EVENTS on its org unit (a link session never has it). */
  async assertCanManage(ctx: RequestContext, event: EventEntity): Promise<void> {
    await this.access.assertCan(ctx, Capability.MANAGE_EVENTS, event.orgUnitId);
  }

  /** Whether the user is assigned to, or joined, the event. */
  isAssigned(eventId: string, userId: string): Promise<boolean> {
    return this.events.isAssigned(eventId, userId);
  }

  /** Batched by id, for fields of other domains that name an event the caller already sees. */
  loadById(ctx: RequestContext, id: string): Promise<EventEntity | null> {
    return loader(ctx, 'event.byId', () => new DataLoader<string, EventEntity | null>(async (ids) => byKey(ids, await this.events.findByIds(ids), (e) => e.id))).load(id);
  }

  /** Batched target groups of an event, in the contract's order. */
  async loadTargetGroups(ctx: RequestContext, eventId: string): Promise<TargetGroup[]> {
    const rows = await loader(ctx, 'event.targetGroups', () =>
      new DataLoader<string, { targetGroup: TargetGroup }[]>(async (ids) => groupByKey(ids, await this.events.targetGroupsOf(ids), (r) => r.eventId)),
    ).load(eventId);
    return sortTargetGroups(rows.map((r) => r.targetGroup));
  }

  /** Batched assignments of an event: leads first, then staff, then volunteers, each in the order assigned. */
  async loadAssignments(ctx: RequestContext, eventId: string): Promise<EventAssignmentEntity[]> {
    const rows = await loader(ctx, 'event.assignments', () =>
      new DataLoader<string, EventAssignmentEntity[]>(async (ids) => groupByKey(ids, await this.events.assignmentsOf(ids), (a) => a.eventId)),
    ).load(eventId);
    return [...rows].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
  }

  private async assertCampaignCovers(ctx: RequestContext, campaignId: string, plan: Plan, orgUnitId: string): Promise<void> {
    const campaign = await this.campaigns.requireForInput(ctx, campaignId, 'input.campaignId');
    await this.campaigns.assertCovers(campaign, { orgUnitId, startsAt: plan.startsAt, endsAt: plan.endsAt }, 'input.campaignId');
  }
}

/** Why the caller may not read an event; the same for an unknown id, so an id never confirms that an event exists. */
function readRefusal(principal: { eventId?: string }): ForbiddenError {
  return new ForbiddenError(
    principal.eventId ? 'This session was opened by a check-in link and can only see that event.' : 'This event is outside your part of the bank.',
  );
}

/** Completed and cancelled events are history: their plan, staff and links no longer change. */
export function assertOpen(event: EventEntity, action: string): void {
  if (!OPEN_STATUSES.has(event.status)) {
    throw new ConflictError('EVENT_CLOSED', `This event is ${event.status}; you can no longer ${action} it.`);
  }
}

export function scheduleConflict(clash: EventEntity, who: string): ConflictError {
  return new ConflictError(
    'SCHEDULE_CONFLICT',
    `${who} is already assigned to "${clash.title}" from ${clash.startsAt.toISOString()} to ${clash.endsAt.toISOString()}, which overlaps this event.`,
  );
}

function normalisePlan(plan: Plan): Plan {
  const address = plan.address?.trim();
  return {
    ...plan,
    title: plan.title.trim(),
    venueName: plan.venueName.trim(),
    address: address ? address : null,
    topics: [...new Set(plan.topics.map((t) => t.trim()).filter((t) => t.length > 0))],
  };
}

/**
 * A plan is valid when title and venue name are not blank, endsAt is after
 * startsAt, the event lasts at most 14 days, and every venue but ONLINE has an address.
 */
function validatePlan(plan: Plan): void {
  if (!plan.title) throw new BadInputError('title must not be blank.', ['input.title']);
  if (!plan.venueName) throw new BadInputError('venueName must not be blank.', ['input.venueName']);
  const start = plan.startsAt.getTime();
  const end = plan.endsAt.getTime();
  if (start < EARLIEST || start >= LATEST) throw new BadInputError('startsAt must lie between the years 2000 and 2099.', ['input.startsAt']);
  if (end <= start) throw new BadInputError('endsAt must be after startsAt.', ['input.endsAt']);
  if (end - start > MAX_EVENT_DAYS * DAY_MS) throw new BadInputError(`An event lasts at most ${MAX_EVENT_DAYS} days; endsAt is too late.`, ['input.endsAt']);
  if (plan.venueType !== VenueType.ONLINE && !plan.address) {
    throw new BadInputError(`A ${plan.venueType} event needs an address; only ONLINE events go without.`, ['input.address']);
  }
}
