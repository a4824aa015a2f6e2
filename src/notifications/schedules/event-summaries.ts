import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sortTargetGroups } from 'src/campaigns/target-group.enum';
import { CheckInRepository, GroupCountRow } from 'src/checkin/check-in.repository';
import { Role } from 'src/common/request-context';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { retryingDeadlocks } from 'src/database/locking';
import { EventMailService } from 'src/events/event-mail.service';
import { EventRole, VenueType } from 'src/events/event.enums';
import { EventEntity } from 'src/events/event.entity';
import { feedbackFigures, FeedbackSums, noFeedback } from 'src/feedback/feedback-outcomes';
import { FeedbackOutcomesRepository } from 'src/feedback/feedback-outcomes.repository';
import { StockRepository } from 'src/materials/stock.repository';
import { EmailRequest, EventSummaryModel } from '../email-models';
import { EmailOutbox } from '../email-outbox';
import { NotificationSources, Person } from './notification-sources';

/** Events completed longer ago than this get no summary (e.g. after a very long outage). */
export const SUMMARY_LOOKBACK_MS = 7 * 24 * 3600_000;

export function summaryKey(eventId: string, userId: string): string {
  return `event-summary:${eventId}:${userId}`;
}

/**
 * event-summary: once an event is COMPLETED, its leads and the branch managers
 * of its unit and the units above get its figures: attendance by target group
 * (check-in), online views, leaflets handed out (materials), staff, and the
 * learning outcomes of the feedback received so far (feedback: the AFTER link
 * stays open 24 h after the end, so later feedback is not in it). One outbox
 * row per (event, person), keyed so it is written once whatever the number of
 * instances or ticks; an event completed while the service was down is
 * summarised at the next tick (within a week).
 */
@Injectable()
export class EventSummaries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sources: NotificationSources,
    private readonly outbox: EmailOutbox,
    private readonly eventMail: EventMailService,
    private readonly checkIns: CheckInRepository,
    private readonly stock: StockRepository,
    private readonly feedback: FeedbackOutcomesRepository,
  ) {}

  /** Writes the summaries of events completed in the last week that are not written yet; returns how many. */
  async run(now: Date): Promise<number> {
    const events = await this.sources.completedBetween(new Date(now.getTime() - SUMMARY_LOOKBACK_MS), now);
    if (events.length === 0) return 0;
    const ids = events.map((e) => e.id);
    const assignments = await this.sources.assignments(ids);
    const managers = await this.sources.usersAbove([...new Set(events.map((e) => e.orgUnitId))], [Role.BRANCH_MANAGER]);
    const recipients = new Map<string, Person[]>();
    for (const event of events) {
      const leads = assignments.filter((a) => a.eventId === event.id && a.role === EventRole.LEAD && a.user).map((a) => a.user as Person);
      const above = managers.filter((m) => m.unitId === event.orgUnitId).map((m) => m.person);
      recipients.set(event.id, uniqueById([...leads, ...above]));
    }
    const written = await this.outbox.existingKeys(events.flatMap((e) => (recipients.get(e.id) ?? []).map((p) => summaryKey(e.id, p.id))));
    const pending = events.filter((e) => (recipients.get(e.id) ?? []).some((p) => !written.has(summaryKey(e.id, p.id))));
    if (pending.length === 0) return 0;

    const pendingIds = pending.map((e) => e.id);
    const counts = await this.checkIns.countsByGroup(pendingIds);
    const leaflets = new Map((await this.stock.distributedByEvent(pendingIds)).map((r) => [r.eventId, r.distributed]));
    const feedback = await this.feedback.sumsOfEvents(pendingIds);
    let count = 0;
    for (const event of pending) {
      const people = (recipients.get(event.id) ?? []).filter((p) => !written.has(summaryKey(event.id, p.id)));
      const byGroup = counts.filter((c) => c.eventId === event.id && c.count > 0);
      const staffCount = assignments.filter((a) => a.eventId === event.id).length;
      count += await retryingDeadlocks(() =>
        this.dataSource.transaction(async (manager) => {
          const model = this.model(event, await this.eventMail.card(manager, event), byGroup, leaflets.get(event.id) ?? 0, staffCount, feedback.get(event.id) ?? noFeedback());
          const rows = await this.outbox.enqueueAll(
            manager,
            people.map((p): EmailRequest<'event-summary'> => ({
              template: 'event-summary',
              to: { email: p.email, name: p.name, locale: p.locale, userId: p.id },
              model,
              dedupeKey: summaryKey(event.id, p.id),
            })),
          );
          return rows.length;
        }),
      );
    }
    return count;
  }

  private model(
    event: EventEntity,
    card: EventSummaryModel['event'],
    byGroup: GroupCountRow[],
    leafletsDistributed: number,
    staffCount: number,
    feedback: FeedbackSums,
  ): EventSummaryModel {
    const groups = sortTargetGroups(byGroup.map((g) => g.targetGroup));
    const attendance = {
      total: byGroup.reduce((sum, g) => sum + g.count, 0),
      byTargetGroup: groups.map((targetGroup) => ({ targetGroup, count: byGroup.find((c) => c.targetGroup === targetGroup)?.count ?? 0 })),
    };
    const onlineViews = event.venueType === VenueType.ONLINE ? (event.onlineViews ?? 0) : null;
    return {
      event: card,
      attendance,
      onlineViews,
      peopleReached: attendance.total + (onlineViews ?? 0),
      leafletsDistributed,
      mediaReports: event.mediaReports,
      staffCount,
      notes: event.notes,
      outcomes: feedbackFigures(feedback),
      url: `${this.config.publicUrl}/dashboard`,
    };
  }
}

function uniqueById(people: Person[]): Person[] {
  return [...new Map(people.map((p) => [p.id, p])).values()];
}
