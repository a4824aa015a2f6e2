import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from 'src/common/clock';
import { BadInputError, ConflictError } from 'src/common/errors';
import { RequestContext } from 'src/common/request-context';
import { CompleteEventInput } from './dto/complete-event.input';
import { EventStatus, VenueType } from './event.enums';
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
}

/** The whole lifecycle: every move not listed here is CONFLICT INVALID_TRANSITION. */
export const TRANSITIONS = {
  schedule: { name: 'scheduleEvent', from: [EventStatus.DRAFT], to: EventStatus.SCHEDULED, stamp: 'scheduledAt' },
  start: { name: 'startEvent', from: [EventStatus.SCHEDULED], to: EventStatus.IN_PROGRESS, stamp: 'startedAt' },
  complete: { name: 'completeEvent', from: [EventStatus.IN_PROGRESS], to: EventStatus.COMPLETED, stamp: 'completedAt' },
  cancel: { name: 'cancelEvent', from: [EventStatus.DRAFT, EventStatus.SCHEDULED], to: EventStatus.CANCELLED, stamp: 'cancelledAt' },
} as const satisfies Record<string, Transition>;

/** Moves events through DRAFT → SCHEDULED → IN_PROGRESS → COMPLETED, or DRAFT | SCHEDULED → CANCELLED. */
@Injectable()
export class EventLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventService,
    private readonly repository: EventRepository,
    private readonly clock: Clock,
  ) {}

  /** DRAFT → SCHEDULED. */
  schedule(ctx: RequestContext, id: string): Promise<EventEntity> {
    return this.move(ctx, id, TRANSITIONS.schedule);
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

  /** DRAFT | SCHEDULED → CANCELLED; the reason is kept. Its check-in links stop working. */
  cancel(ctx: RequestContext, id: string, reason: string): Promise<EventEntity> {
    const trimmed = reason.trim();
    if (!trimmed) throw new BadInputError('Give a reason for cancelling.', ['reason']);
    return this.move(ctx, id, TRANSITIONS.cancel, () => ({ cancelReason: trimmed }));
  }

  private async move(ctx: RequestContext, id: string, transition: Transition, extra: (event: EventEntity) => Partial<EventEntity> = () => ({})): Promise<EventEntity> {
    const event = await this.events.requireManageable(ctx, id);
    if (!transition.from.includes(event.status)) throw invalidTransition(transition, event.status);
    const now = this.clock.now();
    const changes: Partial<EventEntity> = { ...extra(event), status: transition.to, [transition.stamp]: now, updatedAt: now };
    if (!(await this.repository.transition(this.dataSource.manager, id, [...transition.from], changes))) {
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
