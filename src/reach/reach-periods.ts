import { addDays } from 'src/common/local-time';
import { PeriodKind } from './reach-rollup.entity';

/** ISO week of a calendar day, e.g. '2025-03-16' (a Sunday) → '2025-W11'; weeks start on Monday. */
export function isoWeekOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = date.getUTCDay() || 7; // Monday 1 … Sunday 7
  date.setUTCDate(date.getUTCDate() + 4 - weekday); // the Thursday of this week decides its year
  const year = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Last day of the month of `day`. */
export function endOfMonth(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export interface PeriodSlice {
  kind: PeriodKind;
  from: string;
  to: string;
}

/**
 * Which rollup rows answer [from, to], coarsest first: year rows for the whole
 * years inside it, month rows for the whole months left, day rows for the
 * partial months at its edges. `finest` is the finest grain the report keeps:
 * 'D' (DAY or WEEK) reads day rows throughout, 'M' (MONTH) stops at months, 'Y'
 * (no period) may use years. A calendar year thus reads one year row per key,
 * not 12 month rows or 365 day rows.
 */
export function periodSlices(from: string, to: string, finest: PeriodKind): PeriodSlice[] {
  if (finest === 'D') return [{ kind: 'D', from, to }];
  const firstWhole = from.endsWith('-01') ? from : addDays(endOfMonth(from), 1);
  const lastWhole = to === endOfMonth(to) ? to : addDays(`${to.slice(0, 7)}-01`, -1);
  if (firstWhole > lastWhole) return [{ kind: 'D', from, to }];
  const slices: PeriodSlice[] = [];
  if (from < firstWhole) slices.push({ kind: 'D', from, to: addDays(firstWhole, -1) });
  if (lastWhole < to) slices.push({ kind: 'D', from: addDays(lastWhole, 1), to });
  const firstYear = firstWhole.endsWith('-01-01') ? firstWhole : `${Number(firstWhole.slice(0, 4)) + 1}-01-01`;
  const lastYear = lastWhole.endsWith('-12-31') ? lastWhole : `${Number(lastWhole.slice(0, 4)) - 1}-12-31`;
  if (finest === 'M' || firstYear > lastYear) return [{ kind: 'M', from: firstWhole.slice(0, 7), to: lastWhole.slice(0, 7) }, ...slices];
  slices.unshift({ kind: 'Y', from: firstYear.slice(0, 4), to: lastYear.slice(0, 4) });
  if (firstWhole < firstYear) slices.push({ kind: 'M', from: firstWhole.slice(0, 7), to: addDays(firstYear, -1).slice(0, 7) });
  if (lastYear < lastWhole) slices.push({ kind: 'M', from: addDays(lastYear, 1).slice(0, 7), to: lastWhole.slice(0, 7) });
  return slices;
}

/** `day` moved by whole years (Feb 29 becomes Feb 28 or Mar 1 as Date.UTC decides). */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}
