import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { UserEntity } from 'src/auth/user.entity';
import { TargetGroup } from 'src/campaigns/target-group.enum';
import { forUpdate } from 'src/database/locking';
import { EventAssignmentEntity } from './event-assignment.entity';
import { EventStatus, VenueType } from './event.enums';
import { EventEntity, EventTargetGroupEntity } from './event.entity';

/** Which events a list may return; the service derives it from the caller and the filter. */
export interface EventQuery {
  /** Only events of this unit's subtree. */
  subtreeOf?: string;
  /** Only events this user is assigned to (or joined). */
  assignedTo?: string;
  /** Only this event (a check-in link session). */
  eventId?: string;
  campaignId?: string;
  statuses?: EventStatus[];
  venueTypes?: VenueType[];
  targetGroup?: TargetGroup;
  /** Events ending after this instant. */
  endsAfter?: Date;
  /** Events starting before this instant. */
  startsBefore?: Date;
}

/** Event, target group and assignment queries. No rules here: the event services hold them. */
@Injectable()
export class EventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<EventEntity | null> {
    return manager.getRepository(EventEntity).findOneBy({ id });
  }

  findByIds(ids: readonly string[]): Promise<EventEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(EventEntity).findBy({ id: In([...ids]) });
  }

  /** Reads the event and holds its row lock until the transaction ends. */
  lockById(manager: EntityManager, id: string): Promise<EventEntity | null> {
    return forUpdate(manager.getRepository(EventEntity).createQueryBuilder('e').where('e.id = :id', { id })).getOne();
  }

  /** Holds the row locks of these users, taken in id order so two transactions never wait on each other in a cycle. */
  async lockUsers(manager: EntityManager, userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    await forUpdate(
      manager.getRepository(UserEntity).createQueryBuilder('u').select('u.id').where('u.id IN (:...ids)', { ids: [...userIds] }).orderBy('u.id', 'ASC'),
    ).getMany();
  }

  async insert(manager: EntityManager, event: EventEntity, targetGroups: TargetGroup[]): Promise<void> {
    await manager.insert(EventEntity, event);
    await this.insertTargetGroups(manager, event.id, targetGroups);
  }

  async update(manager: EntityManager, event: EventEntity, targetGroups?: TargetGroup[]): Promise<void> {
    const { campaign: _c, orgUnit: _u, createdBy: _b, ...columns } = event;
    await manager.update(EventEntity, { id: event.id }, columns);
    if (targetGroups) {
      await manager.delete(EventTargetGroupEntity, { eventId: event.id });
      await this.insertTargetGroups(manager, event.id, targetGroups);
    }
  }

  /**
   * Moves the event to `to` only if it is still in one of `from`: the status
   * check and the write are one statement, so two racing transitions cannot both win.
   */
  async transition(manager: EntityManager, id: string, from: EventStatus[], changes: Partial<EventEntity>): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(EventEntity)
      .set(changes)
      .where('id = :id', { id })
      .andWhere('status IN (:...from)', { from })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  private async insertTargetGroups(manager: EntityManager, eventId: string, groups: TargetGroup[]): Promise<void> {
    if (groups.length) await manager.insert(EventTargetGroupEntity, groups.map((targetGroup) => ({ eventId, targetGroup })));
  }

  targetGroupsOf(eventIds: readonly string[]): Promise<EventTargetGroupEntity[]> {
    if (eventIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(EventTargetGroupEntity).findBy({ eventId: In([...eventIds]) });
  }

  assignmentsOf(eventIds: readonly string[]): Promise<EventAssignmentEntity[]> {
    if (eventIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(EventAssignmentEntity).find({ where: { eventId: In([...eventIds]) }, order: { assignedAt: 'ASC', userId: 'ASC' } });
  }

  /** The users assigned to (or joined) an event, read inside `manager`'s transaction. */
  async assignedUserIds(manager: EntityManager, eventId: string): Promise<string[]> {
    const rows = await manager.getRepository(EventAssignmentEntity).find({ select: { userId: true }, where: { eventId } });
    return rows.map((r) => r.userId);
  }

  findAssignment(eventId: string, userId: string, manager: EntityManager = this.dataSource.manager): Promise<EventAssignmentEntity | null> {
    return manager.getRepository(EventAssignmentEntity).findOneBy({ eventId, userId });
  }

  async isAssigned(eventId: string, userId: string): Promise<boolean> {
    return this.dataSource.getRepository(EventAssignmentEntity).exists({ where: { eventId, userId } });
  }

  countJoinedByLink(eventId: string): Promise<number> {
    return this.dataSource.getRepository(EventAssignmentEntity).count({ where: { eventId, joinedByLink: true } });
  }

  /**
   * Another event of this user that is not cancelled and overlaps [startsAt, endsAt)
   * (touching ends do not overlap), or null.
   */
  findOverlapping(manager: EntityManager, userId: string, startsAt: Date, endsAt: Date, excludeEventId: string): Promise<EventEntity | null> {
    return manager
      .getRepository(EventEntity)
      .createQueryBuilder('e')
      .innerJoin(EventAssignmentEntity, 'a', 'a.event_id = e.id AND a.user_id = :userId', { userId })
      .where('e.id <> :excludeEventId', { excludeEventId })
      .andWhere('e.status <> :cancelled', { cancelled: EventStatus.CANCELLED })
      .andWhere('e.starts_at < :endsAt AND e.ends_at > :startsAt', { startsAt, endsAt })
      .orderBy('e.starts_at', 'ASC')
      .getOne();
  }

  /** The events matching `q`, unordered: the caller pages through them. */
  query(q: EventQuery): SelectQueryBuilder<EventEntity> {
    const query = this.dataSource.getRepository(EventEntity).createQueryBuilder('e');
    // Semi-joins rather than joins: each keeps one row per event, so keyset paging stays a plain LIMIT.
    if (q.subtreeOf) query.andWhere('e.org_unit_id IN (SELECT scope.descendant_id FROM org_unit_closure scope WHERE scope.ancestor_id = :subtreeOf)', { subtreeOf: q.subtreeOf });
    if (q.assignedTo) query.andWhere('e.id IN (SELECT mine.event_id FROM event_assignment mine WHERE mine.user_id = :assignedTo)', { assignedTo: q.assignedTo });
    if (q.eventId) query.andWhere('e.id = :eventId', { eventId: q.eventId });
    if (q.campaignId) query.andWhere('e.campaign_id = :campaignId', { campaignId: q.campaignId });
    if (q.statuses?.length) query.andWhere('e.status IN (:...statuses)', { statuses: q.statuses });
    if (q.venueTypes?.length) query.andWhere('e.venue_type IN (:...venueTypes)', { venueTypes: q.venueTypes });
    if (q.targetGroup) {
      query.andWhere('EXISTS (SELECT 1 FROM event_target_group tg WHERE tg.event_id = e.id AND tg.target_group = :targetGroup)', { targetGroup: q.targetGroup });
    }
    if (q.endsAfter) query.andWhere('e.ends_at > :endsAfter', { endsAfter: q.endsAfter });
    if (q.startsBefore) query.andWhere('e.starts_at < :startsBefore', { startsBefore: q.startsBefore });
    return query;
  }
}
