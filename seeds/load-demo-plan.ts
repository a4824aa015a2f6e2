import { DataSource, In } from 'typeorm';
import { CampaignEntity, CampaignTargetEntity } from 'src/campaigns/campaign.entity';
import { EventAssignmentEntity } from 'src/events/event-assignment.entity';
import { EventEntity, EventTargetGroupEntity } from 'src/events/event.entity';
import { buildDemoPlan } from './demo-plan';

/**
 * Loads the demo plan (after the demo bank): campaigns with their targets,
 * events with their target groups and staff. Rows that already exist (by id)
 * are left as they are, so it can run twice.
 */
export async function loadDemoPlan(
  dataSource: DataSource,
  options: { now?: Date; timeZone?: string } = {},
): Promise<{ campaigns: number; events: number }> {
  const now = options.now ?? new Date();
  const plan = buildDemoPlan(now, options.timeZone ?? process.env.APP_TIMEZONE ?? 'Asia/Shanghai');
  const existingCampaigns = new Set(
    (await dataSource.getRepository(CampaignEntity).findBy({ id: In(plan.campaigns.map((c) => c.id)) })).map((c) => c.id),
  );
  const existingEvents = new Set((await dataSource.getRepository(EventEntity).findBy({ id: In(plan.events.map((e) => e.id)) })).map((e) => e.id));
  const campaigns = plan.campaigns.filter((c) => !existingCampaigns.has(c.id));
  const events = plan.events.filter((e) => !existingEvents.has(e.id));

  await dataSource.transaction(async (manager) => {
    for (const { targets, ...campaign } of campaigns) {
      await manager.insert(CampaignEntity, { ...campaign, createdAt: now, updatedAt: now });
      if (targets.length) {
        await manager.insert(
          CampaignTargetEntity,
          targets.map((t, position) => ({
            id: t.id,
            campaignId: campaign.id,
            metric: t.metric,
            targetGroup: t.targetGroup ?? null,
            goal: t.goal,
            position,
          })),
        );
      }
    }
    for (const { targetGroups, assignments, ...event } of events) {
      await manager.insert(EventEntity, { ...event, updatedAt: event.createdAt });
      await manager.insert(EventTargetGroupEntity, targetGroups.map((targetGroup) => ({ eventId: event.id, targetGroup })));
      if (assignments.length) {
        await manager.insert(
          EventAssignmentEntity,
          assignments.map((a) => ({ eventId: event.id, userId: a.userId, role: a.role, joinedByLink: false, assignedById: event.createdById, assignedAt: event.createdAt })),
        );
      }
    }
  });
  return { campaigns: campaigns.length, events: events.length };
}
