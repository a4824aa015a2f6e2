import { Inject, Injectable } from '@nestjs/common';
import { CampaignEntity } from 'src/campaigns/campaign.entity';
import { CampaignService } from 'src/campaigns/campaign.service';
import { ReachMetric } from 'src/campaigns/reach-metric.enum';
import { Clock } from 'src/common/clock';
import { BadInputError, NotFoundError } from 'src/common/errors';
import { localDateOf } from 'src/common/local-time';
import { RequestContext } from 'src/common/request-context';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { AccessPolicy, Capability } from 'src/org/access-policy';
import { OrgRepository } from 'src/org/org.repository';
import { CampaignProgress, ReachDimension, ReachFigures, ReachReport, ReachRow } from './dto/reach.model';
import { ReachFilterInput } from './dto/reach.args';
import { settle } from './reach-contribution';
import { addYears, periodSlices } from './reach-periods';
import { PeriodKind } from './reach-rollup.entity';
import { buildReport, Cell, Figures, TOTAL_BUCKET } from './reach-report';
import { ReachRepository } from './reach.repository';

export const MAX_DIMENSIONS = 3;
export const MAX_RANGE_YEARS = 5;

/** A validated reach question: whose subtree, which days, which filters, grouped how. */
export interface ReachQuery {
  unitId: string;
  from: string;
  to: string;
  campaignId?: string;
  venueTypes?: string[];
  targetGroups?: string[];
  dimensions: ReachDimension[];
}

@Injectable()
export class ReachService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reach: ReachRepository,
    private readonly orgs: OrgRepository,
    private readonly access: AccessPolicy,
    private readonly campaigns: CampaignService,
    private readonly clock: Clock,
  ) {}

  /** The reach report for a unit the caller may read (default: its own unit, head office for ADMIN and analysts). */
  async report(ctx: RequestContext, filter: ReachFilterInput = {}, groupBy: ReachDimension[] = []): Promise<ReachReport> {
    return this.compute(await this.resolveQuery(ctx, filter, groupBy));
  }

  /**
   * Checks a reach question: at most three distinct dimensions; a unit and a
   * campaign the caller may read (FORBIDDEN / NOT_FOUND otherwise); from ≤ to,
   * spanning at most five years; missing dates default to the campaign's dates,
   * else to the calendar year of the other date or of today (APP_TIMEZONE).
   */
  async resolveQuery(ctx: RequestContext, filter: ReachFilterInput = {}, groupBy: ReachDimension[] = []): Promise<ReachQuery> {
    const principal = this.access.principal(ctx);
    if (groupBy.length > MAX_DIMENSIONS) throw new BadInputError(`Group by at most ${MAX_DIMENSIONS} dimensions at once, got ${groupBy.length}.`, ['groupBy']);
    if (new Set(groupBy).size !== groupBy.length) throw new BadInputError('Each dimension may appear once in groupBy.', ['groupBy']);
    const periods = groupBy.filter((d) => d === ReachDimension.DAY || d === ReachDimension.WEEK || d === ReachDimension.MONTH);
    if (periods.length > 1) throw new BadInputError('Group by one period (DAY, WEEK or MONTH) at a time.', ['groupBy']);

    let unitId: string;
    if (filter.orgUnitId) {
      await this.access.assertCan(ctx, Capability.READ, filter.orgUnitId);
      if (!(await this.orgs.findById(filter.orgUnitId))) throw new NotFoundError('Org unit', filter.orgUnitId);
      unitId = filter.orgUnitId;
    } else {
      const scope = this.access.readScopeRoot(ctx);
      const root = scope ? null : await this.orgs.findRoot();
      unitId = scope ?? root?.id ?? principal.orgUnitId;
    }

    let campaign: CampaignEntity | undefined;
    if (filter.campaignId) campaign = await this.campaigns.require(ctx, filter.campaignId);

    const today = localDateOf(this.clock.now(), this.config.appTimezone);
    const from = filter.from ?? campaign?.startDate ?? `${(filter.to ?? today).slice(0, 4)}-01-01`;
    const to = filter.to ?? campaign?.endDate ?? `${(filter.from ?? today).slice(0, 4)}-12-31`;
    if (from > to) throw new BadInputError(`from (${from}) is after to (${to}).`, ['filter.from', 'filter.to']);
    if (to >= addYears(from, MAX_RANGE_YEARS)) throw new BadInputError(`A report spans at most ${MAX_RANGE_YEARS} years; ${from} to ${to} is longer.`, ['filter.from', 'filter.to']);

    return {
      unitId,
      from,
      to,
      campaignId: campaign?.id,
      venueTypes: filter.venueTypes?.length ? [...new Set(filter.venueTypes)] : undefined,
      targetGroups: filter.targetGroups?.length ? [...new Set(filter.targetGroups)] : undefined,
      dimensions: groupBy,
    };
  }

  /**
   * Counts held events (IN_PROGRESS or COMPLETED) of the unit's subtree that
   * start (local day) within [from, to], exactly as of one snapshot: the
   * rollups plus, on the fly, every event changed and every check-in arrived
   * since the last fold. No scope check: callers have done it.
   */
  async compute(q: ReachQuery): Promise<ReachReport> {
    const dims = q.dimensions;
    const byUnit = dims.includes(ReachDimension.ORG_UNIT);
    const needDays = dims.includes(ReachDimension.DAY) || dims.includes(ReachDimension.WEEK);
    const keepPeriod = dims.some((d) => d === ReachDimension.DAY || d === ReachDimension.WEEK || d === ReachDimension.MONTH);
    const finest: PeriodKind = needDays ? 'D' : keepPeriod ? 'M' : 'Y';
    const keepVenue = dims.includes(ReachDimension.VENUE_TYPE);
    const keepCampaign = dims.includes(ReachDimension.CAMPAIGN);
    const detailed = keepVenue || keepCampaign || q.venueTypes !== undefined || q.campaignId !== undefined;

    const asOf = this.clock.now();
    const { cells, unitOrder } = await this.reach.inSnapshot(async (runner) => {
      const children = byUnit ? await this.reach.childrenOf(runner, q.unitId) : [];
      const bucketOf = (unit: string) => (unit === q.unitId ? TOTAL_BUCKET : unit);
      const cells: Cell[] = [];
      for (const slice of periodSlices(q.from, q.to, finest)) {
        const rows = await this.reach.readRollups(runner, {
          unitIds: [q.unitId, ...children.map((c) => c.id)],
          periodKind: slice.kind,
          from: slice.from,
          to: slice.to,
          detailed,
          venueTypes: q.venueTypes,
          campaignId: q.campaignId,
          keepPeriod,
          keepVenue,
          keepCampaign,
          keepGroups: dims.includes(ReachDimension.TARGET_GROUP) || q.targetGroups !== undefined,
        });
        for (const r of rows) cells.push({ ...r, bucket: bucketOf(r.unitId) });
      }

      // What the folder has not caught up with yet, from the same snapshot.
      const dirty = await this.reach.dirtyEvents(runner);
      const unfolded = await this.reach.unfoldedCounts(runner);
      const touched = [...new Set([...dirty, ...unfolded.keys()])];
      if (touched.length > 0) {
        const folded = await this.reach.foldedStates(runner, touched);
        const liveIds = [...new Set([...dirty, ...touched.filter((id) => !folded.has(id))])];
        const live = await this.reach.liveEvents(runner, liveIds, this.config.appTimezone);
        const { contributions } = settle({ live, folded, unfolded });
        const ancestors = await this.reach.ancestorsOf(runner, [...new Set(contributions.map((c) => c.unitId))]);
        const childIds = new Set(children.map((c) => c.id));
        for (const c of contributions) {
          if (c.day < q.from || c.day > q.to) continue;
          if (q.campaignId !== undefined && c.campaignId !== q.campaignId) continue;
          if (q.venueTypes && !q.venueTypes.includes(c.venueType)) continue;
          const chain = ancestors.get(c.unitId) ?? [];
          if (!chain.includes(q.unitId)) continue;
          const cell: Cell = { ...c, period: c.day, bucket: TOTAL_BUCKET };
          cells.push(cell);
          const child = chain.find((a) => childIds.has(a));
          if (child) cells.push({ ...cell, bucket: child });
        }
      }
      return { cells, unitOrder: [q.unitId, ...children.map((c) => c.id)] };
    });

    const { totals, rows } = buildReport(cells, { unitId: q.unitId, dimensions: dims, unitOrder, targetGroups: q.targetGroups });
    return { totals: totals as ReachFigures, rows: rows as ReachRow[], asOf };
  }

  /**
   * Progress of each target of a campaign the caller may read: `actual` is the
   * metric over the campaign's held events in its unit's subtree within its
   * dates; ratio = actual / goal; onTrack when actual ≥ goal × elapsed days /
   * total days, elapsed counted in APP_TIMEZONE and clamped to [0, total].
   */
  async progress(ctx: RequestContext, campaign: CampaignEntity): Promise<CampaignProgress[]> {
    const targets = await this.campaigns.loadTargets(ctx, campaign.id);
    if (targets.length === 0) return [];
    const report = await this.compute({
      unitId: campaign.orgUnitId,
      from: campaign.startDate,
      to: campaign.endDate,
      campaignId: campaign.id,
      dimensions: [ReachDimension.TARGET_GROUP],
    });
    const total = daysBetween(campaign.startDate, campaign.endDate) + 1;
    const today = localDateOf(this.clock.now(), this.config.appTimezone);
    const elapsed = Math.min(total, Math.max(0, daysBetween(campaign.startDate, today) + 1));
    return targets.map((t) => {
      const figures: Figures | undefined = t.targetGroup ? report.rows.find((r) => r.targetGroup === t.targetGroup)?.figures : report.totals;
      const actual = figures ? metricOf(figures, t.metric) : 0;
      return {
        metric: t.metric,
        targetGroup: t.targetGroup,
        goal: t.goal,
        actual,
        ratio: t.goal > 0 ? actual / t.goal : actual > 0 ? 1 : 0,
        onTrack: actual * total >= t.goal * elapsed,
      };
    });
  }
}

function metricOf(f: Figures, metric: ReachMetric): number {
  switch (metric) {
    case ReachMetric.EVENTS:
      return f.events;
    case ReachMetric.ATTENDEES:
      return f.attendees;
    case ReachMetric.ONLINE_VIEWS:
      return f.onlineViews ?? 0;
    case ReachMetric.PEOPLE_REACHED:
      return f.peopleReached ?? 0;
    case ReachMetric.LEAFLETS_DISTRIBUTED:
      return f.leafletsDistributed ?? 0;
  }
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
