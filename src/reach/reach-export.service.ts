import { Injectable } from '@nestjs/common';
import { TargetGroup } from 'src/campaigns/target-group.enum';
import { CampaignService } from 'src/campaigns/campaign.service';
import { BadInputError } from 'src/common/errors';
import { RequestContext } from 'src/common/request-context';
import { isLocalDate } from 'src/common/scalars/local-date.scalar';
import { VenueType } from 'src/events/event.enums';
import { OrgRepository } from 'src/org/org.repository';
import { ReachFilterInput } from './dto/reach.args';
import { ReachDimension } from './dto/reach.model';
import { ExportLocale, reportTable, toCsv, toXlsx } from './reach-export';
import { ReachService } from './reach.service';

type QueryParams = Record<string, string | string[] | undefined>;

export interface ExportFile {
  name: string;
  body: Buffer;
}

/** Reach reports as files. Same rules as the query: ReachService validates and scopes. */
@Injectable()
export class ReachExportService {
  constructor(
    private readonly reach: ReachService,
    private readonly orgs: OrgRepository,
    private readonly campaigns: CampaignService,
  ) {}

  /** CSV (UTF-8 with BOM): header, totals, rows. */
  async csv(ctx: RequestContext, params: QueryParams): Promise<ExportFile> {
    const { table, name } = await this.table(ctx, params);
    return { name: `${name}.csv`, body: toCsv(table) };
  }

  /** XLSX with one sheet: header, totals, rows; Chinese headers unless locale=en. */
  async xlsx(ctx: RequestContext, params: QueryParams): Promise<ExportFile> {
    const { table, name, locale } = await this.table(ctx, params);
    return { name: `${name}.xlsx`, body: await toXlsx(table, locale) };
  }

  private async table(ctx: RequestContext, params: QueryParams) {
    const { filter, groupBy, locale } = parseParams(params);
    const query = await this.reach.resolveQuery(ctx, filter, groupBy);
    const report = await this.reach.compute(query);
    const unitIds = [...new Set(report.rows.map((r) => r.orgUnitId).filter((id): id is string => !!id))];
    const campaignIds = [...new Set(report.rows.map((r) => r.campaignId).filter((id): id is string => !!id))];
    const units = await this.orgs.findByIds(unitIds);
    // One batched query for all campaigns of the report, like the units above.
    const campaigns = await Promise.all(campaignIds.map((id) => this.campaigns.loadById(ctx, id)));
    const table = reportTable(
      {
        report,
        dimensions: groupBy,
        unitNames: new Map(units.map((u) => [u.id, u.name])),
        campaignNames: new Map(campaigns.filter((c) => c !== null).map((c) => [c.id, c.name])),
      },
      locale,
    );
    return { table, locale, name: `reach-${query.from}-${query.to}` };
  }
}

function list(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return items.length ? items : undefined;
}

function single(params: QueryParams, name: string): string | undefined {
  const value = params[name];
  if (Array.isArray(value)) throw new BadInputError(`${name} is given more than once.`, [name]);
  return value?.trim() || undefined;
}

function enumList<T extends string>(params: QueryParams, name: string, allowed: Record<string, T>): T[] | undefined {
  const items = list(params[name]);
  const values = Object.values(allowed) as string[];
  const bad = items?.filter((i) => !values.includes(i));
  if (bad?.length) throw new BadInputError(`${name}: unknown value(s) ${bad.join(', ')}; use ${values.join(', ')}.`, [name]);
  return items as T[] | undefined;
}

/** The query string of an export, checked like the GraphQL arguments (enum values, YYYY-MM-DD days). */
export function parseParams(params: QueryParams): { filter: ReachFilterInput; groupBy: ReachDimension[]; locale: ExportLocale } {
  const from = single(params, 'from');
  const to = single(params, 'to');
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (value !== undefined && !isLocalDate(value)) throw new BadInputError(`${name} must be a real day written YYYY-MM-DD.`, [name]);
  }
  const locale = single(params, 'locale');
  return {
    filter: {
      orgUnitId: single(params, 'orgUnitId'),
      campaignId: single(params, 'campaignId'),
      from,
      to,
      venueTypes: enumList(params, 'venueTypes', VenueType),
      targetGroups: enumList(params, 'targetGroups', TargetGroup),
    },
    groupBy: enumList(params, 'groupBy', ReachDimension) ?? [],
    locale: locale?.toLowerCase().startsWith('en') ? 'en' : 'zh',
  };
}
