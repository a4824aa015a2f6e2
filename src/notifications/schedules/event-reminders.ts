import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { retryingDeadlocks } from 'src/database/locking';
import { EventMailService } from 'src/events/event-mail.service';
import { EventEntity } from 'src/events/event.entity';
import { EmailRequest } from '../email-models';
import { EmailOutbox } from '../email-outbox';
import { NotificationSources } from './notification-sources';

export const REMINDER_LEAD_MS = 24 * 3600_000;

/** The one reminder for one person and one start time; a moved event gets a new one. */
export function reminderKey(eventId: string, userId: string, startsAt: Date): string {
  return `event-reminder:${eventId}:${userId}:${startsAt.toISOString()}`;
}

/**
 * event-reminder: 24 hours before a SCHEDULED event starts, each person
 * assigned gets one reminder. The outbox row's dedupe key (event, person,
 * start time) is the record that it went out, so a second instance or a later
 * tick writes nothing more, and a tick after downtime still sends a reminder
 * that fell due meanwhile, as long as the event has not started.
 */
@Injectable()
export class EventReminders {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sources: NotificationSources,
    private readonly outbox: EmailOutbox,
    private readonly eventMail: EventMailService,
  ) {}

  /**
   * Writes the reminders due at `now`: for events starting within 24 hours, to
   * everyone who was assigned and invited before the 24 hours began (who came
   * later got the invitation inside that window, which says the same). Returns how many.
   */
  async run(now: Date): Promise<number> {
    const events = await this.sources.scheduledStartingBetween(now, new Date(now.getTime() + REMINDER_LEAD_MS));
    if (events.length === 0) return 0;
    const assignments = await this.sources.assignments(events.map((e) => e.id));
    const byId = new Map(events.map((e) => [e.id, e]));
    const due = assignments.flatMap(({ eventId, user, role, assignedAt }) => {
      const event = byId.get(eventId) as EventEntity;
      const windowOpens = event.startsAt.getTime() - REMINDER_LEAD_MS;
      const invitedBefore = assignedAt.getTime() < windowOpens && (event.scheduledAt?.getTime() ?? 0) < windowOpens;
      return user && invitedBefore ? [{ event, user, role, key: reminderKey(event.id, user.id, event.startsAt) }] : [];
    });
    const written = await this.outbox.existingKeys(due.map((d) => d.key));
    let count = 0;
    for (const event of events) {
      const people = due.filter((d) => d.event === event && !written.has(d.key));
      if (people.length === 0) continue;
      const url = `${this.config.publicUrl}/checkin`;
      count += await retryingDeadlocks(() =>
        this.dataSource.transaction(async (manager) => {
          const card = await this.eventMail.card(manager, event);
          const rows = await this.outbox.enqueueAll(
            manager,
            people.map(({ user, role, key }): EmailRequest<'event-reminder'> => ({
              template: 'event-reminder',
              to: { email: user.email, name: user.name, locale: user.locale, userId: user.id },
              model: { event: card, role, url },
              dedupeKey: key,
            })),
          );
          return rows.length;
        }),
      );
    }
    return count;
  }
}
