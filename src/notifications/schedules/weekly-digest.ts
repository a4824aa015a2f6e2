import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignEntity } from 'src/campaigns/campaign.entity';
import { addDays, localDateOf, localTimeToInstant } from 'src/common/local-time';
import { RequestContext, Role } from 'src/common/request-context';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { ScheduledRuns } from 'src/database/scheduled-runs';
import { CampaignProgress, ReachFigures } from 'src/reach/dto/reach.model';
import { isoWeekOf } from 'src/reach/reach-periods';
import { ReachService } from 'src/reach/reach.service';
import { DIGEST_METRICS, DigestCampaign, DigestFigure, EmailRequest } from '../email-models';
import { EmailOutbox } from '../email-outbox';
import { NotificationSources, Person } from './notification-sources';

export const DIGEST_JOB = 'weekly-digest';
/** The digest lists at most this many campaigns and counts the rest. */
export const MAX_DIGEST_CAMPAIGNS = 10;
const DIGEST_HOUR = 9;

/** The digest due at `now`: the latest Monday 09:00 in `timeZone` at or before it, and its slot (that Monday's ISO week). */
export function latestDigestSlot(now: Date, timeZone: string): { monday: string; slot: string } {
  const today = localDateOf(now, timeZone);
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() || 7; // Monday 1 … Sunday 7
  let monday = addDays(today, 1 - weekday);
  if (now.getTime() < localTimeToInstant(monday, DIGEST_HOUR, 0, timeZone).getTime()) monday = addDays(monday, -7);
  return { monday, slot: isoWeekOf(monday) };
}

/**
 * weekly-digest: on Monday at 09:00 (APP_TIMEZONE), every branch manager and
 * head-office analyst gets last ISO week's reach for their part of the bank
 * (the whole bank for analysts) against the week before, computed by the reach
 * service itself so the figures are the `reach` query's, and the progress of
 * the campaigns that ran then. Claimed through ScheduledRuns: one instance
 * sends it; a Monday missed while the service was down is sent at the next
 * tick (only the latest one). Each email has a dedupe key, so a run taken over
 * after a crash does not repeat what was written.
 */
@Injectable()
export class WeeklyDigest {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sources: NotificationSources,
    private readonly outbox: EmailOutbox,
    private readonly reach: ReachService,
    private readonly runs: ScheduledRuns,
  ) {}

  /** Sends the digest due at `now` unless it went out already; returns whether this call sent it. */
  run(now: Date): Promise<boolean> {
    const { monday, slot } = latestDigestSlot(now, this.config.appTimezone);
    return this.runs.runOnce(DIGEST_JOB, slot, async () => {
      await this.send(monday, slot);
    });
  }

  /** Writes the digests of the week before `monday`; returns how many. */
  async send(monday: string, slot: string): Promise<number> {
    const recipients = await this.sources.usersWithRoles([Role.BRANCH_MANAGER, Role.HEAD_OFFICE_ANALYST]);
    const key = (userId: string) => `${DIGEST_JOB}:${slot}:${userId}`;
    const written = await this.outbox.existingKeys(recipients.map((r) => key(r.id)));
    const pending = recipients.filter((r) => !written.has(key(r.id)));
    if (pending.length === 0) return 0;

    const root = await this.sources.rootUnit();
    const from = addDays(monday, -7);
    const to = addDays(monday, -1);
    const week = { week: isoWeekOf(from), from, to, previousWeek: isoWeekOf(addDays(monday, -14)) };
    // Reach figures and campaign progress are shared by everyone of the same unit.
    const byUnit = new Map<string, Promise<{ figures: DigestFigure[]; campaigns: DigestCampaign[]; moreCampaigns: number }>>();
    const progress = new Map<string, Promise<CampaignProgress[]>>();
    const ctx: RequestContext = { clientIp: 'scheduler', loaders: new Map() };

    const unitOf = (person: Person) => (person.role === Role.HEAD_OFFICE_ANALYST && root ? root.id : person.orgUnitId);
    const units = await this.sources.unitsById([...new Set(pending.map(unitOf))]);
    let count = 0;
    for (const person of pending) {
      const unitId = unitOf(person);
      let figures = byUnit.get(unitId);
      if (!figures) {
        figures = this.figures(ctx, unitId, person.role === Role.HEAD_OFFICE_ANALYST, monday, progress);
        byUnit.set(unitId, figures);
      }
      const content = await figures;
      const request: EmailRequest<'weekly-digest'> = {
        template: 'weekly-digest',
        to: { email: person.email, name: person.name, locale: person.locale, userId: person.id },
        model: { orgUnitName: units.get(unitId)?.name ?? '', ...week, ...content, url: `${this.config.publicUrl}/dashboard` },
        dedupeKey: key(person.id),
      };
      if (await this.dataSource.transaction((manager) => this.outbox.enqueue(manager, request))) count++;
    }
    return count;
  }

  private async figures(
    ctx: RequestContext,
    unitId: string,
    wholeBank: boolean,
    monday: string,
    progress: Map<string, Promise<CampaignProgress[]>>,
  ): Promise<{ figures: DigestFigure[]; campaigns: DigestCampaign[]; moreCampaigns: number }> {
    const week = (offset: number) => this.reach.compute({ unitId, from: addDays(monday, offset), to: addDays(monday, offset + 6), dimensions: [] });
    const [current, previous] = [(await week(-7)).totals, (await week(-14)).totals];
    const figures = DIGEST_METRICS.map((metric) => ({ metric, current: valueOf(current, metric), previous: valueOf(previous, metric) }));

    const running = await this.sources.campaignsOverlapping(wholeBank ? null : unitId, addDays(monday, -7), monday);
    const shown = running.slice(0, MAX_DIGEST_CAMPAIGNS);
    const campaigns: DigestCampaign[] = [];
    for (const campaign of shown) {
      let targets = progress.get(campaign.id);
      if (!targets) {
        targets = this.reach.progress(ctx, campaign);
        progress.set(campaign.id, targets);
      }
      campaigns.push(toDigestCampaign(campaign, await targets));
    }
    return { figures, campaigns, moreCampaigns: running.length - shown.length };
  }
}

function valueOf(figures: ReachFigures, metric: (typeof DIGEST_METRICS)[number]): number {
  return figures[metric] ?? 0;
}

function toDigestCampaign(campaign: CampaignEntity, targets: CampaignProgress[]): DigestCampaign {
  return {
    name: campaign.name,
    startDate: campaign.startDate,
    endDate: campaign.endDate,
    targets: targets.map((t) => ({ metric: t.metric, targetGroup: t.targetGroup, goal: t.goal, actual: t.actual, ratio: t.ratio, onTrack: t.onTrack })),
  };
}
