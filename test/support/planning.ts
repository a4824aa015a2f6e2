import { QueryRunner } from 'typeorm';
import { UNITS } from 'seeds/demo-bank';
import type { TestApp } from './test-app';

/** The Event fields most suites read back. */
export const EVENT_FIELDS = `id title status venueType venueName address startsAt endsAt targetGroups topics capacity
  onlineViews mediaReports notes cancelReason scheduledAt startedAt completedAt cancelledAt
  orgUnit { id code } campaign { id name } assignments { role user { id name role } }`;

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export interface EventInput {
  title?: string;
  campaignId?: string | null;
  orgUnitId?: string;
  venueType?: string;
  venueName?: string;
  address?: string | null;
  startsAt?: string;
  endsAt?: string;
  targetGroups?: string[];
  topics?: string[];
  capacity?: number | null;
}

/** A valid createEvent input at 城关支行, tomorrow-ish unless times are given; `overrides` wins. */
export function eventInput(overrides: EventInput = {}): EventInput {
  const start = new Date(Date.UTC(2030, 4, 20, 2, 0));
  return {
    title: '社区反诈讲座',
    orgUnitId: UNITS.lanzhouChengguan,
    venueType: 'COMMUNITY',
    venueName: '东岗街道社区服务中心',
    address: '兰州市城关区东岗西路',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
    targetGroups: ['ELDERLY'],
    topics: ['防范电信网络诈骗'],
    capacity: 50,
    ...overrides,
  };
}

export const CREATE_EVENT = `mutation ($input: CreateEventInput!) { createEvent(input: $input) { ${EVENT_FIELDS} } }`;

/** Creates an event (DRAFT) and returns it; fails the test on any error. */
export async function createEvent(t: TestApp, token: string, overrides: EventInput = {}): Promise<any> {
  const res = await t.gql(CREATE_EVENT, { input: eventInput(overrides) }, token);
  if (!res.data?.createEvent) throw new Error(`createEvent failed: ${JSON.stringify(res.errors)}`);
  return res.data.createEvent;
}

/** Runs one lifecycle mutation and returns the raw response. */
export function transition(t: TestApp, token: string, action: 'scheduleEvent' | 'startEvent' | 'completeEvent' | 'cancelEvent', id: string, extra = '') {
  const args = action === 'cancelEvent' ? `id: $id, reason: "天气原因"` : `id: $id${extra}`;
  return t.gql(`mutation ($id: ID!) { ${action}(${args}) { id status } }`, { id }, token);
}

/** Moves a fresh event into `status` through the public lifecycle. */
export async function eventInStatus(t: TestApp, token: string, status: string, overrides: EventInput = {}): Promise<any> {
  const event = await createEvent(t, token, overrides);
  const path: Record<string, string[]> = {
    DRAFT: [],
    SCHEDULED: ['scheduleEvent'],
    IN_PROGRESS: ['scheduleEvent', 'startEvent'],
    COMPLETED: ['scheduleEvent', 'startEvent', 'completeEvent'],
    CANCELLED: ['cancelEvent'],
  };
  for (const action of path[status]) {
    const extra = action === 'completeEvent' && event.venueType === 'ONLINE' ? ', input: { onlineViews: 10 }' : '';
    const res = await transition(t, token, action as never, event.id, extra);
    if (res.errors) throw new Error(`${action} failed: ${JSON.stringify(res.errors)}`);
  }
  return { ...event, status };
}

export function assign(t: TestApp, token: string, eventId: string, userId: string, role = 'STAFF') {
  return t.gql(
    `mutation ($eventId: ID!, $userId: ID!, $role: EventRole!) { assignToEvent(eventId: $eventId, userId: $userId, role: $role) { id assignments { role user { id } } } }`,
    { eventId, userId, role },
    token,
  );
}

/** Rows in a table, read straight from the database. */
export async function countRows(t: TestApp, table: string): Promise<number> {
  const rows: { n: number | string }[] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(rows[0].n);
}

/**
 * The SQL statements run while `work` runs, counted at the driver's query
 * runner (the one path every TypeORM query takes on both engines).
 */
export async function countStatements(t: TestApp, work: () => Promise<unknown>): Promise<number> {
  const runner: QueryRunner = t.dataSource.createQueryRunner();
  const proto = Object.getPrototypeOf(runner) as QueryRunner;
  await runner.release();
  const spy = jest.spyOn(proto, 'query');
  try {
    await work();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}
