import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditLog, changedFields, newFields } from 'src/audit/audit-log';
import { BadInputError, ForbiddenError, NotFoundError } from 'src/common/errors';
import { localDateOf } from 'src/common/local-time';
import { ConnectionShape, paginate } from 'src/common/pagination';
import { byKey, groupByKey, loader, RequestContext } from 'src/common/request-context';
import { Clock } from 'src/common/clock';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { AccessPolicy, Capability } from 'src/org/access-policy';
import { OrgRepository } from 'src/org/org.repository';
import { CampaignEntity, CampaignTargetEntity } from './campaign.entity';
import { CampaignRepository } from './campaign.repository';
import { CampaignTargetInput } from './dto/campaign-target.input';
import { CampaignsArgs } from './dto/campaigns.args';
import { CreateCampaignInput } from './dto/create-campaign.input';
import { UpdateCampaignInput } from './dto/update-campaign.input';
import { METRICS_BY_TARGET_GROUP } from './reach-metric.enum';

/** What an event brings to the coverage check. */
export interface CoverageCandidate {
  orgUnitId: string;
  startsAt: Date;
  endsAt: Date;
}

@Injectable()
export class CampaignService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly campaigns: CampaignRepository,
    private readonly orgs: OrgRepository,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** Creates a campaign owned by a unit the caller manages campaigns for (ADMIN, or a BRANCH_MANAGER in its subtree); endDate not before startDate; targets unique per metric and group. */
  async create(ctx: RequestContext, input: CreateCampaignInput): Promise<CampaignEntity> {
    const principal = await this.access.assertCan(ctx, Capability.MANAGE_CAMPAIGNS, input.orgUnitId);
    if (!(await this.orgs.findById(input.orgUnitId))) throw new BadInputError(`Unknown org unit ${input.orgUnitId}.`, ['input.orgUnitId']);
    assertDateOrder(input.startDate, input.endDate);
    validateTargets(input.targets);

    const now = this.clock.now();
    const campaign = Object.assign(new CampaignEntity(), {
      id: randomUUID(),
      name: input.name.trim(),
      theme: blankToNull(input.theme),
      description: blankToNull(input.description),
      startDate: input.startDate,
      endDate: input.endDate,
      orgUnitId: input.orgUnitId,
      createdById: principal.userId,
      createdAt: now,
      updatedAt: now,
    });
    const targets = targetRows(campaign.id, input.targets);
    await this.dataSource.transaction(async (manager) => {
      await this.campaigns.insert(manager, campaign, targets);
      await this.audit.record(manager, ctx, {
        action: 'campaign.create',
        entityType: 'campaign',
        entityId: campaign.id,
        orgUnitId: campaign.orgUnitId,
        changes: newFields({ ...campaign, targets: auditTargets(targets) }, ['orgUnitId', ...CAMPAIGN_FIELDS]),
      });
    });
    return campaign;
  }

  /**
   * Changes a campaign the caller may manage. Its dates must still contain every
   * event linked to it that is not cancelled; `targets` replaces all targets.
   */
  async update(ctx: RequestContext, id: string, input: UpdateCampaignInput): Promise<CampaignEntity> {
    const campaign = await this.campaigns.findById(id);
    if (!campaign) throw this.access.unknownIdError(ctx, new NotFoundError('Campaign', id), this.access.refusal(Capability.MANAGE_CAMPAIGNS));
    await this.access.assertCan(ctx, Capability.MANAGE_CAMPAIGNS, campaign.orgUnitId);

    const next = Object.assign(new CampaignEntity(), campaign, {
      name: input.name !== undefined ? input.name.trim() : campaign.name,
      theme: input.theme !== undefined ? blankToNull(input.theme) : campaign.theme,
      description: input.description !== undefined ? blankToNull(input.description) : campaign.description,
      startDate: input.startDate ?? campaign.startDate,
      endDate: input.endDate ?? campaign.endDate,
      updatedAt: this.clock.now(),
    });
    assertDateOrder(next.startDate, next.endDate);
    if (input.targets) validateTargets(input.targets);
    if (next.startDate !== campaign.startDate || next.endDate !== campaign.endDate) {
      const span = await this.campaigns.linkedEventSpan(campaign.id);
      if (span) {
        const first = localDateOf(span.first, this.config.appTimezone);
        const last = lastLocalDay(span.first, span.last, this.config.appTimezone);
        const fields = [...(first < next.startDate ? ['input.startDate'] : []), ...(last > next.endDate ? ['input.endDate'] : [])];
        if (fields.length) {
          throw new BadInputError(`The campaign has events from ${first} to ${last}; its dates must still contain them.`, fields);
        }
      }
    }
    const targets = input.targets && targetRows(next.id, input.targets);
    const targetsBefore = targets && auditTargets(await this.campaigns.targetsOf([id]));
    await this.dataSource.transaction(async (manager) => {
      await this.campaigns.save(manager, next, targets);
      await this.audit.record(manager, ctx, {
        action: 'campaign.update',
        entityType: 'campaign',
        entityId: id,
        orgUnitId: campaign.orgUnitId,
        changes: changedFields({ ...campaign, targets: targetsBefore }, { ...next, targets: targets && auditTargets(targets) }, CAMPAIGN_FIELDS),
      });
    });
    return next;
  }

  /**
   * A campaign the caller may read. An unknown id is null for ADMIN and
   * analysts, and for everyone else the FORBIDDEN a hidden campaign gets.
   */
  async get(ctx: RequestContext, id: string): Promise<CampaignEntity | null> {
    this.access.principal(ctx);
    const campaign = await this.campaigns.findById(id);
    if (!campaign) {
      if (this.access.readScopeRoot(ctx) === null) return null;
      throw readRefusal();
    }
    if (!(await this.canRead(ctx, campaign))) throw readRefusal();
    return campaign;
  }

  /**
   * The campaign named by an input field, if the caller may read it: an unknown
   * id is BAD_USER_INPUT for ADMIN and analysts, and for everyone else the same
   * FORBIDDEN as a campaign outside their part of the bank.
   */
  async requireForInput(ctx: RequestContext, id: string, field: string): Promise<CampaignEntity> {
    const campaign = await this.campaigns.findById(id);
    const refusal = new ForbiddenError(`${field}: this campaign is outside your part of the bank.`);
    if (!campaign) throw this.access.unknownIdError(ctx, new BadInputError(`Unknown campaign ${id}.`, [field]), refusal);
    if (!(await this.canRead(ctx, campaign))) throw refusal;
    return campaign;
  }

  /** Like `get`, but NOT_FOUND instead of null. */
  async require(ctx: RequestContext, id: string): Promise<CampaignEntity> {
    const campaign = await this.get(ctx, id);
    if (!campaign) throw new NotFoundError('Campaign', id);
    return campaign;
  }

  /** Campaigns that apply to the filter's unit (default: the caller's), in order of start date. */
  async list(ctx: RequestContext, args: CampaignsArgs): Promise<ConnectionShape<CampaignEntity>> {
    const filter = args.filter ?? {};
    if (filter.orgUnitId) await this.access.assertCan(ctx, Capability.READ, filter.orgUnitId);
    const relatedTo = filter.orgUnitId ?? this.access.readScopeRoot(ctx);
    const query = this.campaigns.listQuery({ relatedTo, activeOn: filter.activeOn });
    return paginate(query, args, [
      { column: 'c.start_date', value: (c) => c.startDate },
      { column: 'c.id', value: (c) => c.id },
    ]);
  }

  /**
   * A campaign covers its org unit's subtree and its dates: an event may join it
   * when the event's unit lies in that subtree and the event's first and last
   * local day (APP_TIMEZONE) lie within the campaign's dates.
   */
  async assertCovers(campaign: CampaignEntity, event: CoverageCandidate, field: string): Promise<void> {
    if (!(await this.orgs.isWithin(campaign.orgUnitId, event.orgUnitId))) {
      throw new BadInputError(`Campaign "${campaign.name}" does not cover this event's org unit; pick a campaign of the unit or of a unit above it.`, [field]);
    }
    const zone = this.config.appTimezone;
    const first = localDateOf(event.startsAt, zone);
    const last = lastLocalDay(event.startsAt, event.endsAt, zone);
    if (first < campaign.startDate || last > campaign.endDate) {
      throw new BadInputError(
        `Campaign "${campaign.name}" runs from ${campaign.startDate} to ${campaign.endDate} (${zone}); the event (${first} to ${last}) must lie within those dates.`,
        [field],
      );
    }
  }

  /** The campaign with this id, whoever asks; for rules of other domains that check coverage themselves. */
  findById(id: string): Promise<CampaignEntity | null> {
    return this.campaigns.findById(id);
  }

  /** Batched by id, for `Event.campaign`: the caller already sees the event that names it. */
  loadById(ctx: RequestContext, id: string): Promise<CampaignEntity | null> {
    return loader(ctx, 'campaign.byId', () => new DataLoader<string, CampaignEntity | null>(async (ids) => byKey(ids, await this.campaigns.findByIds(ids), (c) => c.id))).load(id);
  }

  /** Batched targets of a campaign the caller already sees. */
  loadTargets(ctx: RequestContext, campaignId: string): Promise<CampaignTargetEntity[]> {
    return loader(ctx, 'campaign.targets', () =>
      new DataLoader<string, CampaignTargetEntity[]>(async (ids) => groupByKey(ids, await this.campaigns.targetsOf(ids), (t) => t.campaignId)),
    ).load(campaignId);
  }

  /** ADMIN and analysts read every campaign; others those that cover their unit or lie in their subtree. */
  private async canRead(ctx: RequestContext, campaign: CampaignEntity): Promise<boolean> {
    const root = this.access.readScopeRoot(ctx);
    if (root === null) return true;
    return (await this.orgs.isWithin(campaign.orgUnitId, root)) || (await this.orgs.isWithin(root, campaign.orgUnitId));
  }
}

/** What the audit log records of a campaign. */
const CAMPAIGN_FIELDS = ['name', 'theme', 'description', 'startDate', 'endDate', 'targets'] as const;

function auditTargets(targets: CampaignTargetEntity[]): { metric: string; targetGroup: string | null; goal: number }[] {
  return targets.map((t) => ({ metric: t.metric, targetGroup: t.targetGroup, goal: t.goal }));
}

function readRefusal(): ForbiddenError {
  return new ForbiddenError('This campaign is outside your part of the bank.');
}

/** The local day of the event's last moment: an event ending at midnight ends on the day before. */
function lastLocalDay(startsAt: Date, endsAt: Date, timeZone: string): string {
  return localDateOf(new Date(Math.max(startsAt.getTime(), endsAt.getTime() - 1)), timeZone);
}

function assertDateOrder(startDate: string, endDate: string): void {
  if (endDate < startDate) throw new BadInputError(`endDate ${endDate} is before startDate ${startDate}.`, ['input.endDate']);
}

/** Targets are unique per (metric, target group), and only EVENTS and ATTENDEES can be split by group. */
function validateTargets(targets: CampaignTargetInput[]): void {
  const seen = new Set<string>();
  targets.forEach((target, i) => {
    if (target.targetGroup && !METRICS_BY_TARGET_GROUP.has(target.metric)) {
      throw new BadInputError(`${target.metric} cannot be split by target group; only EVENTS and ATTENDEES can.`, [`input.targets.${i}.targetGroup`]);
    }
    const key = `${target.metric}/${target.targetGroup ?? ''}`;
    if (seen.has(key)) {
      throw new BadInputError(`The target ${target.metric}${target.targetGroup ? ` for ${target.targetGroup}` : ''} is given twice.`, [`input.targets.${i}`]);
    }
    seen.add(key);
  });
}

function targetRows(campaignId: string, targets: CampaignTargetInput[]): CampaignTargetEntity[] {
  return targets.map((t, position) =>
    Object.assign(new CampaignTargetEntity(), { id: randomUUID(), campaignId, metric: t.metric, targetGroup: t.targetGroup ?? null, goal: t.goal, position }),
  );
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
