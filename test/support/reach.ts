import { randomUUID } from 'node:crypto';
import { ReachFolder } from 'src/reach/reach-folder';
import type { TestApp } from './test-app';

export const FIGURES = 'events attendees onlineViews peopleReached leafletsDistributed staffParticipations';
export const REACH = `query ($filter: ReachFilterInput, $groupBy: [ReachDimension!]) {
  reach(filter: $filter, groupBy: $groupBy) {
    asOf
    totals { ${FIGURES} }
    rows { orgUnit { id name } venueType targetGroup campaign { id name } period figures { ${FIGURES} } }
  }
}`;

/** Runs the reach query and fails the test on any error. */
export async function reach(t: TestApp, token: string, filter: Record<string, unknown>, groupBy: string[] = []): Promise<any> {
  const res = await t.gql(REACH, { filter, groupBy }, token);
  if (!res.data?.reach) throw new Error(`reach failed: ${JSON.stringify(res.errors)}`);
  return res.data.reach;
}

/** Stores accepted check-ins the way the check-in path does (one INSERT), for events at any date. */
export async function insertCheckIns(t: TestApp, eventId: string, recordedById: string, counts: Record<string, number>): Promise<void> {
  for (const [group, count] of Object.entries(counts)) {
    const now = new Date();
    await t.dataSource
      .createQueryBuilder()
      .insert()
      .into('check_in')
      .values({ eventId, clientId: randomUUID(), targetGroup: group, count, checkedInAt: now, receivedAt: now, recordedById, batchId: randomUUID(), name: null, phoneHmac: null, phoneMasked: null, piiErasedAt: null })
      .execute();
  }
}

/** Folds everything pending, as the background folder would. */
export function fold(t: TestApp) {
  return t.app.get(ReachFolder).foldAll();
}
