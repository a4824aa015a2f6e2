import { createHash } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { TargetGroup } from 'src/campaigns/target-group.enum';
import { CheckInEntity } from 'src/checkin/check-in.entity';
import { EventEntity, EventTargetGroupEntity } from 'src/events/event.entity';
import { EventStatus, VenueType } from 'src/events/event.enums';
import { EVENTS } from './demo-plan';

const DEMO_BATCH = 'demo-seed';
const NAMES = ['王秀英', '李桂兰', '张建国', '刘淑珍', '陈志强', '杨丽', '赵永福', '黄晓明'];

/** A UUID derived from text, so the demo's clientIds are the same on every load. */
function demoUuid(text: string): string {
  const h = createHash('sha1').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Small deterministic numbers per event, so the demo looks the same on every load. */
function numbers(seed: string): () => number {
  let state = parseInt(createHash('sha1').update(seed).digest('hex').slice(0, 8), 16);
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Check-ins for the demo plan's held events (not online ones): taps per target
 * group, a few tallies and a few named attendees (names only, no phones), spread
 * over the event's time so far. Rows already there are skipped (INSERT IGNORE on
 * the event/clientId key), so it can run twice.
 */
export async function loadDemoCheckIns(dataSource: DataSource, now = new Date()): Promise<number> {
  const held = await dataSource.getRepository(EventEntity).findBy({
    id: In(Object.values(EVENTS)),
    status: In([EventStatus.IN_PROGRESS, EventStatus.COMPLETED]),
  });
  const events = held.filter((e) => e.venueType !== VenueType.ONLINE);
  if (events.length === 0) return 0;
  const groups = await dataSource.getRepository(EventTargetGroupEntity).findBy({ eventId: In(events.map((e) => e.id)) });
  const rows: Omit<CheckInEntity, 'id'>[] = [];
  for (const event of events) {
    const random = numbers(event.id);
    const start = event.startsAt.getTime();
    const end = Math.min(event.endsAt.getTime(), now.getTime());
    if (end <= start) continue;
    const at = () => new Date(start + Math.floor(random() * (end - start)));
    let n = 0;
    const add = (targetGroup: TargetGroup, count: number, name: string | null) => {
      const checkedInAt = at();
      rows.push({
        eventId: event.id,
        clientId: demoUuid(`${event.id}/${n++}`),
        targetGroup,
        count,
        name,
        phoneHmac: null,
        phoneMasked: null,
        checkedInAt,
        receivedAt: checkedInAt,
        recordedById: event.createdById,
        batchId: DEMO_BATCH,
        piiErasedAt: null,
      });
    };
    const own = groups.filter((g) => g.eventId === event.id).map((g) => g.targetGroup);
    // Today's event has just begun: a handful of taps. Past events: a realistic crowd.
    const scale = event.status === EventStatus.IN_PROGRESS ? 0.2 : 1;
    for (const group of own) {
      const taps = Math.round((8 + random() * 30) * scale);
      for (let i = 0; i < taps; i++) add(group, 1, null);
      if (scale === 1 && random() < 0.6) add(group, 5 + Math.floor(random() * 20), null);
    }
    for (let i = 0; i < Math.round(3 * scale); i++) add(own[0] ?? TargetGroup.GENERAL, 1, NAMES[Math.floor(random() * NAMES.length)]);
  }
  for (let i = 0; i < rows.length; i += 500) {
    await dataSource.createQueryBuilder().insert().into(CheckInEntity).values(rows.slice(i, i + 500)).orIgnore().updateEntity(false).execute();
  }
  return rows.length;
}
