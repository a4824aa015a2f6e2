import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, changedFields } from 'src/audit/audit-log';
import { Clock } from 'src/common/clock';
import { BadInputError, ConflictError } from 'src/common/errors';
import { RequestContext } from 'src/common/request-context';
import { lockingTransaction } from 'src/database/locking';
import { CompleteEventInput } from './dto/complete-event.input';
import { EventStatus, VenueType } from './event.enums';
import { EventMailService } from './event-mail.service';
import { EventEntity } from './event.entity';
import { EventRepository } from './event.repository';
import { EventService } from './event.service';

interface Transition {
  /** The mutation, for messages. */
  name: string;
  from: readonly EventStatus[];
  to: EventStatus;
  /** The column that records when the event entered `to`. */
  stamp: 'scheduledAt' | 'startedAt' | 'completedAt' | 'cancelledAt';
  /** Its name in the audit log. */
  action: string;
}

/** What the audit log records of a transition. */
const AUDITED = ['status', 'scheduledAt', 'startedAt', 'completedAt', 'cancelledAt', 'onlineViews', 'mediaReports', 'notes', 'cancelReason'] as const;

/** The whole lifecycle: every move not listed here is CONFLICT INVALID_TRANSITION. */
export const TRANSITIONS = {
  schedule: { name: 'scheduleEvent', from: [EventStatus.DRAFT], to: EventStatus.SCHEDULED, stamp: 'scheduledAt', action: 'event.schedule' },
  start: { name: 'startEvent', from: [EventStatus.SCHEDULED], to: EventStatus.IN_PROGRESS, stamp: 'startedAt', action: 'event.start' },
  complete: { name: 'completeEvent', from: [EventStatus.IN_PROGRESS], to: EventStatus.COMPLETED, stamp: 'completedAt', action: 'event.complete' },
  cancel: { name: 'cancelEvent', from: [EventStatus.DRAFT, EventStatus.SCHEDULED], to: EventStatus.CANCELLED, stamp: 'cancelledAt', action: 'event.cancel' },
} as const satisfies Record<string, Transition>;

/** Moves events through DRAFT → SCHEDULED → IN_PROGRESS → COMPLETED, or DRAFT | SCHEDULED → CANCELLED. */
@Injectable()
export class EventLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventService,
    private readonly repository: EventRepository,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly mail: EventMailService,
  ) {}

  /** DRAFT → SCHEDULED; everyone assigned gets the invitation (event-scheduled, with its .ics) in the same transaction. */
  schedule(ctx: RequestContext, id: string): Promise<EventEntity> {
    return this.move(ctx, id, TRANSITIONS.schedule, undefined, (manager, event) => this.mail.invite(manager, event));
  }

  /** SCHEDULED → IN_PROGRESS. */
  start(ctx: RequestContext, id: string): Promise<EventEntity> {
    return this.move(ctx, id, TRANSITIONS.start);
  }

  /** IN_PROGRESS → COMPLETED with the event's figures: online views are required for an ONLINE event and refused for any other. */
  complete(ctx: RequestContext, id: string, input: CompleteEventInput = {}): Promise<EventEntity> {
    return this.move(ctx, id, TRANSITIONS.complete, (event) => {
      const onlineViews = input.onlineViews ?? null;
      if (event.venueType === VenueType.ONLINE && onlineViews === null) {
        throw new BadInputError('An ONLINE event reports its online views when it is completed.', ['input.onlineViews']);
      }
      if (event.venueType !== VenueType.ONLINE && onlineViews !== null) {
        throw new BadInputError(`Only ONLINE events report online views; this one is ${event.venueType}.`, ['input.onlineViews']);
      }
      return { onlineViews, mediaReports: input.mediaReports ?? null, notes: input.notes?.trim() || null };
    });
  }

  /** DRAFT | SCHEDULED → CANCELLED; the reason is kept and everyone assigned is told (event-cancelled, with an .ics CANCEL). Its check-in links stop working. */
  cancel(ctx: RequestContext, id: string, reason: string): Promise<EventEntity> {
    const trimmed = reason.trim();
    if (!trimmed) throw new BadInputError('Give a reason for cancelling.', ['reason']);
    return this.move(ctx, id, TRANSITIONS.cancel, () => ({ cancelReason: trimmed }), (manager, event) => this.mail.cancelled(manager, event));
  }

  private async move(
    ctx: RequestContext,
    id: string,
    transition: Transition,
    extra: (event: EventEntity) => Partial<EventEntity> = () => ({}),
    notify?: (manager: EntityManager, moved: EventEntity) => Promise<void>,
  ): Promise<EventEntity> {
    const event = await this.events.requireManageable(ctx, id);
    if (!transition.from.includes(event.status)) throw invalidTransition(transition, event.status);
    const now = this.clock.now();
    const changes: Partial<EventEntity> = { ...extra(event), status: transition.to, [transition.stamp]: now, updatedAt: now };
    const moved = await lockingTransaction(this.dataSource, async (manager) => {
      if (!(await this.repository.transition(manager, id, [...transition.from], changes))) return false;
      await this.audit.record(manager, ctx, { action: transition.action, entityType: 'event', entityId: id, orgUnitId: event.orgUnitId, changes: changedFields(event, { ...event, ...changes }, AUDITED) });
      // Emails go to the outbox in this transaction: they exist exactly when the move does.
      await notify?.(manager, Object.assign(new EventEntity(), event, changes));
      return true;
    });
    if (!moved) {
      // Another request moved the event since we read it.
      const current = await this.repository.findById(id);
      throw invalidTransition(transition, current?.status ?? event.status);
    }
    return Object.assign(event, changes);
  }
}

function invalidTransition(transition: Transition, current: EventStatus): ConflictError {
  return new ConflictError(
    'INVALID_TRANSITION',
    `${transition.name} needs an event that is ${transition.from.join(' or ')}; this one is ${current}.`,
  );
}
