import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { UserEntity } from 'src/auth/user.entity';
import { CampaignEntity } from 'src/campaigns/campaign.entity';
import { Role } from 'src/common/request-context';
import { isMysql } from 'src/database/engine';
import { EventAssignmentEntity } from 'src/events/event-assignment.entity';
import { EventRole, EventStatus } from 'src/events/event.enums';
import { EventEntity } from 'src/events/event.entity';
import { LowStockNoticeEntity, LowStockNoticeStatus } from 'src/materials/low-stock-notice.entity';
import { MaterialEntity } from 'src/materials/material.entity';
import { OrgUnitClosureEntity, OrgUnitEntity } from 'src/org/org-unit.entity';

/** Who an email goes to, as read from app_user. */
export interface Person {
  id: string;
  email: string;
  name: string;
  locale: string;
  role: Role;
  orgUnitId: string;
}

/** A person found at or above a unit: `unitId` is the unit asked about. */
export interface PersonAbove {
  unitId: string;
  person: Person;
}

/**
 * The reads the notification jobs make across the domains, in one place. No
 * rules here: each job decides who gets what.
 */
@Injectable()
export class NotificationSources {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** SCHEDULED events starting in (after, until]. */
  scheduledStartingBetween(after: Date, until: Date): Promise<EventEntity[]> {
    return this.dataSource
      .getRepository(EventEntity)
      .createQueryBuilder('e')
      .where('e.status = :status', { status: EventStatus.SCHEDULED })
      .andWhere('e.starts_at > :after AND e.starts_at <= :until', { after, until })
      .orderBy('e.starts_at', 'ASC')
      .getMany();
  }

  /** COMPLETED events completed in (after, until]. */
  completedBetween(after: Date, until: Date): Promise<EventEntity[]> {
    return this.dataSource
      .getRepository(EventEntity)
      .createQueryBuilder('e')
      .where('e.status = :status', { status: EventStatus.COMPLETED })
      .andWhere('e.completed_at > :after AND e.completed_at <= :until', { after, until })
      .orderBy('e.completed_at', 'ASC')
      .getMany();
  }

  /** Assignments of these events with their users, optionally of one role only. */
  assignments(eventIds: string[], role?: EventRole): Promise<EventAssignmentEntity[]> {
    if (eventIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(EventAssignmentEntity).find({
      where: { eventId: In(eventIds), ...(role ? { role } : {}) },
      relations: { user: true },
      order: { assignedAt: 'ASC', userId: 'ASC' },
    });
  }

  /** Users of these roles whose unit is each given unit or one above it (through the closure table), one row per (unit, user). */
  async usersAbove(unitIds: string[], roles: Role[], manager: EntityManager = this.dataSource.manager): Promise<PersonAbove[]> {
    if (unitIds.length === 0) return [];
    const rows = await manager
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(OrgUnitClosureEntity, 'c', 'c.ancestor_id = u.org_unit_id')
      .select(['u.id AS id', 'u.email AS email', 'u.name AS name', 'u.locale AS locale', 'u.role AS role', 'u.org_unit_id AS orgUnitId', 'c.descendant_id AS unitId'])
      .where('c.descendant_id IN (:...unitIds)', { unitIds })
      .andWhere('u.role IN (:...roles)', { roles })
      .orderBy('u.email', 'ASC')
      .getRawMany<Person & { unitId: string }>();
    return rows.map(({ unitId, ...person }) => ({ unitId, person }));
  }

  /** Every user of these roles. */
  usersWithRoles(roles: Role[]): Promise<UserEntity[]> {
    return this.dataSource.getRepository(UserEntity).find({ where: { role: In(roles) }, order: { email: 'ASC' } });
  }

  unitsById(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, OrgUnitEntity>> {
    if (ids.length === 0) return Promise.resolve(new Map());
    return manager
      .getRepository(OrgUnitEntity)
      .findBy({ id: In(ids) })
      .then((units) => new Map(units.map((u) => [u.id, u])));
  }

  rootUnit(): Promise<OrgUnitEntity | null> {
    return this.dataSource.getRepository(OrgUnitEntity).findOneBy({ rootMarker: 'ROOT' });
  }

  /**
   * Campaigns that concern `unitId` (owned by it, a unit above it or one below;
   * every campaign for null) and run on at least one day of [from, to], by end date.
   */
  campaignsOverlapping(unitId: string | null, from: string, to: string): Promise<CampaignEntity[]> {
    const query = this.dataSource
      .getRepository(CampaignEntity)
      .createQueryBuilder('c')
      .where('c.start_date <= :to AND c.end_date >= :from', { from, to })
      .orderBy('c.end_date', 'ASC')
      .addOrderBy('c.id', 'ASC');
    if (unitId) {
      query.andWhere(
        new Brackets((q) =>
          q
            .where('c.org_unit_id IN (SELECT up.ancestor_id FROM org_unit_closure up WHERE up.descendant_id = :unitId)')
            .orWhere('c.org_unit_id IN (SELECT down.descendant_id FROM org_unit_closure down WHERE down.ancestor_id = :unitId)'),
        ),
        { unitId },
      );
    }
    return query.getMany();
  }

  /**
   * Locks up to `limit` PENDING low-stock notices, oldest first, for the rest of
   * `manager`'s transaction; on MySQL rows another instance holds are skipped.
   */
  claimLowStockNotices(manager: EntityManager, limit: number): Promise<LowStockNoticeEntity[]> {
    const query = manager
      .getRepository(LowStockNoticeEntity)
      .createQueryBuilder('n')
      .where('n.status = :status', { status: LowStockNoticeStatus.PENDING })
      .orderBy('n.created_at', 'ASC')
      .addOrderBy('n.id', 'ASC')
      .limit(limit);
    if (isMysql(this.dataSource)) query.setLock('pessimistic_write').setOnLocked('skip_locked');
    return query.getMany();
  }

  async markNoticesNotified(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length) await manager.update(LowStockNoticeEntity, { id: In(ids) }, { status: LowStockNoticeStatus.NOTIFIED });
  }

  materialsById(manager: EntityManager, ids: string[]): Promise<Map<string, MaterialEntity>> {
    if (ids.length === 0) return Promise.resolve(new Map());
    return manager
      .getRepository(MaterialEntity)
      .findBy({ id: In(ids) })
      .then((materials) => new Map(materials.map((m) => [m.id, m])));
  }
}
