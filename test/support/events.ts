import { DEMO_PASSWORD, UNITS, USERS } from 'seeds/demo-bank';
import type { TestApp } from './test-app';

export interface EventPlan {
  title?: string;
  orgUnitId?: string;
  venueType?: string;
  startsAt: Date;
  endsAt: Date;
  targetGroups?: string[];
}

const HOUR = 3600_000;

let volunteerSeq = 0;

/**
 * A fresh VOLUNTEER at 东岗网点 (created by the demo admin), with its token, so a
 * test never trips over the demo volunteer's own schedule.
 */
export async function createVolunteer(t: TestApp, unitId: string = UNITS.lanzhouDonggang): Promise<{ id: string; token: string }> {
  const admin = await t.login(USERS.admin.email);
  const email = `volunteer.${process.pid}.${++volunteerSeq}.${Date.now()}@test.invalid`;
  const res = await t.gql(
    `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    { input: { email, name: `志愿者 ${volunteerSeq}`, password: DEMO_PASSWORD, role: 'VOLUNTEER', orgUnitId: unitId } },
    admin,
  );
  if (!res.data?.createUser) throw new Error(`createUser failed: ${JSON.stringify(res.errors)}`);
  return { id: res.data.createUser.id, token: await t.login(email) };
}

/** An event at 东岗网点 planned by 城关支行's outreach staff, moved to `status`, with `assign` as volunteers. */
export async function createEvent(
  t: TestApp,
  staffToken: string,
  plan: Partial<EventPlan> = {},
  status: 'DRAFT' | 'SCHEDULED' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED' = 'IN_PROGRESS',
  assign: string[] = [],
): Promise<string> {
  const now = Date.now();
  const input = {
    title: plan.title ?? '防范电信网络诈骗进社区',
    orgUnitId: plan.orgUnitId ?? UNITS.lanzhouDonggang,
    venueType: plan.venueType ?? 'COMMUNITY',
    venueName: '东岗社区活动中心',
    address: '兰州市城关区东岗西路 1 号',
    startsAt: (plan.startsAt ?? new Date(now - HOUR)).toISOString(),
    endsAt: (plan.endsAt ?? new Date(now + 2 * HOUR)).toISOString(),
    targetGroups: plan.targetGroups ?? ['ELDERLY', 'GENERAL'],
    topics: ['防范电信网络诈骗'],
  };
  const created = await t.gql(`mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }`, { input }, staffToken);
  if (!created.data?.createEvent) throw new Error(`createEvent failed: ${JSON.stringify(created.errors)}`);
  const id: string = created.data.createEvent.id;
  for (const userId of assign) {
    const res = await t.gql(`mutation ($e: ID!, $u: ID!) { assignToEvent(eventId: $e, userId: $u, role: VOLUNTEER) { id } }`, { e: id, u: userId }, staffToken);
    if (res.errors) throw new Error(`assignToEvent failed: ${JSON.stringify(res.errors)}`);
  }
  const steps: Record<string, string[]> = {
    DRAFT: [],
    SCHEDULED: ['scheduleEvent(id: $id) { id }'],
    IN_PROGRESS: ['scheduleEvent(id: $id) { id }', 'startEvent(id: $id) { id }'],
    COMPLETED: ['scheduleEvent(id: $id) { id }', 'startEvent(id: $id) { id }', 'completeEvent(id: $id, input: {}) { id }'],
    CANCELLED: ['cancelEvent(id: $id, reason: "weather") { id }'],
  };
  for (const step of steps[status]) {
    const res = await t.gql(`mutation ($id: ID!) { ${step} }`, { id }, staffToken);
    if (res.errors) throw new Error(`${step} failed: ${JSON.stringify(res.errors)}`);
  }
  return id;
}
