import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { UserEntity } from 'src/auth/user.entity';
import { sortTargetGroups } from 'src/campaigns/target-group.enum';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { CalendarInvite, EmailRequest, EventCard } from 'src/notifications/email-models';
import { EmailOutbox } from 'src/notifications/email-outbox';
import { OrgUnitEntity } from 'src/org/org-unit.entity';
import { EventAssignmentEntity } from './event-assignment.entity';
import { EventEntity, EventTargetGroupEntity } from './event.entity';

/**
 * The emails the event lifecycle causes, written into the outbox inside the
 * caller's transaction so they commit or roll back with the change: the
 * invitation (event-scheduled, with an iCalendar REQUEST) and the cancellation
 * (event-cancelled, with a CANCEL for the same UID).
 */
@Injectable()
export class EventMailService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: EmailOutbox,
  ) {}

  /** Invites everyone assigned to the event (or only `userIds`); `updated` when its time or place changed after the first invitations. */
  async invite(manager: EntityManager, event: EventEntity, options: { userIds?: string[]; updated?: boolean } = {}): Promise<void> {
    const people = await this.assigned(manager, event.id, options.userIds);
    if (people.length === 0) return;
    const card = await this.card(manager, event);
    const url = `${this.config.publicUrl}/checkin`;
    const calendar = this.calendar(event, card, 'REQUEST');
    await this.outbox.enqueueAll(
      manager,
      people.map(({ user, role }): EmailRequest<'event-scheduled'> => ({
        template: 'event-scheduled',
        to: { email: user.email, name: user.name, locale: user.locale, userId: user.id },
        model: { event: card, role, updated: options.updated ?? false, url, calendar },
      })),
    );
  }

  /** Tells everyone assigned that the event is cancelled, and why; their calendars drop it. A draft was never announced: nothing to say. */
  async cancelled(manager: EntityManager, event: EventEntity): Promise<void> {
    if (!event.scheduledAt) return;
    const people = await this.assigned(manager, event.id);
    if (people.length === 0) return;
    const card = await this.card(manager, event);
    const calendar = this.calendar(event, card, 'CANCEL');
    await this.outbox.enqueueAll(
      manager,
      people.map(({ user }): EmailRequest<'event-cancelled'> => ({
        template: 'event-cancelled',
        to: { email: user.email, name: user.name, locale: user.locale, userId: user.id },
        model: { event: card, reason: event.cancelReason ?? '', calendar },
      })),
    );
  }

  private async assigned(manager: EntityManager, eventId: string, userIds?: string[]): Promise<{ user: UserEntity; role: string }[]> {
    const rows = await manager.getRepository(EventAssignmentEntity).find({
      where: { eventId, ...(userIds ? { userId: In(userIds) } : {}) },
      relations: { user: true },
      order: { assignedAt: 'ASC', userId: 'ASC' },
    });
    return rows.filter((r) => r.user).map((r) => ({ user: r.user as UserEntity, role: r.role }));
  }

  /** The event as every event email shows it (for the reminder and summary jobs too). */
  async card(manager: EntityManager, event: EventEntity): Promise<EventCard> {
    const unit = await manager.getRepository(OrgUnitEntity).findOneBy({ id: event.orgUnitId });
    const groups = await manager.getRepository(EventTargetGroupEntity).findBy({ eventId: event.id });
    return {
      id: event.id,
      title: event.title,
      venueType: event.venueType,
      venueName: event.venueName,
      address: event.address,
      startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(),
      orgUnitName: unit?.name ?? '',
      targetGroups: sortTargetGroups(groups.map((g) => g.targetGroup)),
      topics: event.topics,
    };
  }

  /**
   * One UID per event, so every later message replaces the calendar entry.
   * SEQUENCE must grow with each revision: the seconds from the event's creation
   * to its last change grow with every change and need no counter of their own.
   */
  private calendar(event: EventEntity, card: EventCard, method: CalendarInvite['method']): CalendarInvite {
    const changedAt = event.updatedAt;
    return {
      method,
      uid: `event-${event.id}@${new URL(this.config.publicUrl).hostname}`,
      sequence: Math.max(0, Math.floor((changedAt.getTime() - event.createdAt.getTime()) / 1000)),
      stamp: changedAt.toISOString(),
      startsAt: card.startsAt,
      endsAt: card.endsAt,
      summary: card.title,
      location: [card.venueName, card.address].filter(Boolean).join(', '),
      description: [card.orgUnitName, card.topics.join(' / ')].filter(Boolean).join('\n'),
      url: `${this.config.publicUrl}/checkin`,
    };
  }
}
