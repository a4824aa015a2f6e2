import ExcelJS from 'exceljs';
import { ReachDimension, ReachReport } from './dto/reach.model';

export type ExportLocale = 'zh' | 'en';

/** A report with names for the ids it mentions, ready to become a file. */
export interface LabelledReport {
  report: ReachReport;
  dimensions: ReachDimension[];
  unitNames: Map<string, string>;
  campaignNames: Map<string, string>;
}

const DIMENSION_HEADERS: Record<ReachDimension, Record<ExportLocale, string>> = {
  [ReachDimension.ORG_UNIT]: { zh: '机构', en: 'Org unit' },
  [ReachDimension.VENUE_TYPE]: { zh: '场所类型', en: 'Venue type' },
  [ReachDimension.TARGET_GROUP]: { zh: '目标群体', en: 'Target group' },
  [ReachDimension.CAMPAIGN]: { zh: '活动主题', en: 'Campaign' },
  [ReachDimension.DAY]: { zh: '日期', en: 'Day' },
  [ReachDimension.WEEK]: { zh: '周', en: 'Week' },
  [ReachDimension.MONTH]: { zh: '月份', en: 'Month' },
};

const FIGURE_HEADERS: { key: keyof ReachReport['totals']; zh: string; en: string }[] = [
  { key: 'events', zh: '活动场次', en: 'Events' },
  { key: 'attendees', zh: '现场参与人数', en: 'Attendees' },
  { key: 'onlineViews', zh: '线上观看人次', en: 'Online views' },
  { key: 'peopleReached', zh: '触及人数', en: 'People reached' },
  { key: 'leafletsDistributed', zh: '发放宣传折页', en: 'Leaflets distributed' },
  { key: 'staffParticipations', zh: '参与员工人次', en: 'Staff participations' },
  // The API's numbers as they are (0.833, not "83.3%"), so a sheet and the API agree cell for cell.
  { key: 'feedbackCount', zh: '反馈人数', en: 'Feedback' },
  { key: 'averageRating', zh: '平均满意度', en: 'Average rating' },
  { key: 'correctRate', zh: '答题正确率', en: 'Correct rate' },
  { key: 'learningGain', zh: '学习提升', en: 'Learning gain' },
];

const TOTAL_LABEL: Record<ExportLocale, string> = { zh: '合计', en: 'Total' };
const NO_CAMPAIGN_LABEL: Record<ExportLocale, string> = { zh: '（无活动主题）', en: '(no campaign)' };

/** Header row, then the totals row, then one row per report row: the same table for CSV and XLSX. */
export function reportTable(labelled: LabelledReport, locale: ExportLocale): (string | number | null)[][] {
  const dims = labelled.dimensions;
  const header = [...(dims.length ? dims.map((d) => DIMENSION_HEADERS[d][locale]) : ['']), ...FIGURE_HEADERS.map((f) => f[locale])];
  const figures = (f: ReachReport['totals']) => FIGURE_HEADERS.map((h) => f[h.key] ?? null);
  const totals = [TOTAL_LABEL[locale], ...new Array(Math.max(dims.length, 1) - 1).fill(''), ...figures(labelled.report.totals)];
  const rows = labelled.report.rows.map((row) => [
    ...dims.map((d): string => {
      switch (d) {
        case ReachDimension.ORG_UNIT:
          return labelled.unitNames.get(row.orgUnitId ?? '') ?? row.orgUnitId ?? '';
        case ReachDimension.VENUE_TYPE:
          return row.venueType ?? '';
        case ReachDimension.TARGET_GROUP:
          return row.targetGroup ?? '';
        case ReachDimension.CAMPAIGN:
          return row.campaignId ? (labelled.campaignNames.get(row.campaignId) ?? row.campaignId) : NO_CAMPAIGN_LABEL[locale];
        case ReachDimension.DAY:
        case ReachDimension.WEEK:
        case ReachDimension.MONTH:
          return row.period ?? '';
      }
    }),
    ...figures(row.figures),
  ]);
  return [header, totals, ...rows];
}

/** UTF-8 with a BOM (so Excel shows Chinese), RFC 4180 quoting, CRLF line ends. */
export function toCsv(table: (string | number | null)[][]): Buffer {
  const cell = (v: string | number | null) => {
    if (v === null) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return Buffer.from(`\uFEFF${table.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`, 'utf8');
}

/** One sheet: header, totals, rows; numbers stay numbers. */
export async function toXlsx(table: (string | number | null)[][], locale: ExportLocale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'finreach';
  const sheet = workbook.addWorksheet(locale === 'zh' ? '触达统计' : 'Reach');
  for (const row of table) sheet.addRow(row.map((v) => (v === null ? undefined : v)));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(2).font = { bold: true };
  sheet.columns.forEach((column) => (column.width = 16));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
