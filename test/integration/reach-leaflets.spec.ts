import { UNITS, USERS } from 'seeds/demo-bank';
import { ReachService } from 'src/reach/reach.service';
import { createMaterial, DISTRIBUTE, ISSUE, receive } from '../support/materials';
import { eventInStatus } from '../support/planning';
import { fold, reach } from '../support/reach';
import { startTestApp, TestApp } from '../support/test-app';

// 2032, away from the demo plan and the other reach suites' 2031.
const at = (local: string) => new Date(`${local}+08:00`).toISOString();
const YEAR = { orgUnitId: UNITS.lanzhou, from: '2032-01-01', to: '2032-12-31' };

/** Leaflets reach the reach figures through real DISTRIBUTE movements, before and after a fold. */
describe(`${ReachService.name} leaflets`, () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let eventId: string;
  let materialId: string;

  const distribute = async (distributed: number, returned = 0) => {
    const res = await t.gql(DISTRIBUTE, { input: { eventId, materialId, distributed, returned } }, staff);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  };
  const onEvent = async () => (await t.gql(`query ($e: ID!) { event(id: $e) { leafletsDistributed } }`, { e: eventId }, admin)).data.event.leafletsDistributed;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(USERS.admin.email);
    staff = await t.login(USERS.lanzhouStaff.email);
    eventId = (await eventInStatus(t, staff, 'IN_PROGRESS', { orgUnitId: UNITS.lanzhouDonggang, venueType: 'COMMUNITY', startsAt: at('2032-03-15T09:00:00'), endsAt: at('2032-03-15T11:00:00') })).id;
    materialId = await createMaterial(t, admin);
    await receive(t, admin, UNITS.lanzhouDonggang, materialId, 100);
    const issued = await t.gql(ISSUE, { input: { eventId, materialId, quantity: 40 } }, staff);
    if (issued.errors) throw new Error(JSON.stringify(issued.errors));
  });
  afterAll(() => t?.close());

  it('counts distributed copies at once, equal to the event’s own figure, and the same after a fold', async () => {
    await distribute(25, 5);
    const live = await reach(t, admin, YEAR);
    expect(live.totals.leafletsDistributed).toBe(25);
    expect(await onEvent()).toBe(25);
    await fold(t);
    expect((await reach(t, admin, YEAR)).totals.leafletsDistributed).toBe(25);
  });

  it('adds a distribution recorded after the fold without waiting for the next one', async () => {
    await distribute(3);
    expect((await reach(t, admin, YEAR)).totals.leafletsDistributed).toBe(28);
    expect(await onEvent()).toBe(28);
    const byUnit = await reach(t, admin, YEAR, ['ORG_UNIT']);
    const chengguan = byUnit.rows.find((r: { orgUnit: { id: string } }) => r.orgUnit.id === UNITS.lanzhouChengguan);
    expect(chengguan.figures.leafletsDistributed).toBe(28);
    await fold(t);
    expect((await reach(t, admin, YEAR)).totals.leafletsDistributed).toBe(28);
  });
});
