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
 * Which rollup rows answer [from, to]: month rows for the whole months inside
 * it and day rows for the partial months at its edges, or day rows throughout
 * when the report needs days (DAY or WEEK). A year thus reads 12 month rows per key, not 365.
 */
export function periodSlices(from: string, to: string, needDays: boolean): PeriodSlice[] {
  if (needDays) return [{ kind: 'D', from, to }];
  const firstWhole = from.endsWith('-01') ? from : addDays(endOfMonth(from), 1);
  const lastWhole = to === endOfMonth(to) ? to : addDays(`${to.slice(0, 7)}-01`, -1);
  if (firstWhole > lastWhole) return [{ kind: 'D', from, to }];
  const slices: PeriodSlice[] = [{ kind: 'M', from: firstWhole.slice(0, 7), to: lastWhole.slice(0, 7) }];
  if (from < firstWhole) slices.push({ kind: 'D', from, to: addDays(firstWhole, -1) });
  if (lastWhole < to) slices.push({ kind: 'D', from: addDays(lastWhole, 1), to });
  return slices;
}

/** `day` moved by whole years (Feb 29 becomes Feb 28 or Mar 1 as Date.UTC decides). */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}
