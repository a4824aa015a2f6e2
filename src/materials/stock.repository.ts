import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { isMysql } from 'src/database/engine';
import { forUpdate } from 'src/database/locking';
import { OrgUnitClosureEntity, OrgUnitEntity } from 'src/org/org-unit.entity';
import { LowStockNoticeEntity } from './low-stock-notice.entity';
import { MaterialEntity } from './material.entity';
import { StockLevelEntity } from './stock-level.entity';
import { MovementKind, StockMovementEntity } from './stock-movement.entity';

export interface LevelKey {
  orgUnitId: string;
  materialId: string;
}

/** Which movements a page may return; the service derives it from the caller and the filter. */
export interface MovementQuery {
  /** Only movements of units in this unit's subtree. */
  subtreeOf?: string;
  /** Only movements of exactly this unit. */
  orgUnitId?: string;
  materialId?: string;
  eventId?: string;
}

/** Per (event, material): what was issued to it, handed out and brought back. */
export interface EventBalanceRow {
  issued: number;
  distributed: number;
  returned: number;
}

/** Ledger and level SQL. No rules here: StockLedger and StockService hold them. */
@Injectable()
export class StockRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Reads the level row and holds its lock until the transaction ends; with
   * `create`, a missing row is first inserted at zero. The insert is an upsert
   * that changes nothing when the row exists, so on MySQL/MariaDB it takes the
   * row's exclusive lock (a plain INSERT would take a shared one, and two
   * transactions upgrading shared locks deadlock).
   */
  async lockLevel(manager: EntityManager, key: LevelKey, create: boolean, now: Date): Promise<StockLevelEntity | null> {
    const select = () =>
      forUpdate(
        manager
          .getRepository(StockLevelEntity)
          .createQueryBuilder('l')
          .where('l.org_unit_id = :orgUnitId AND l.material_id = :materialId', key),
      ).getOne();
    const found = await select();
    if (found || !create) return found;
    if (isMysql(manager.connection)) {
      await manager.query(
        'INSERT INTO stock_level (org_unit_id, material_id, on_hand, updated_at) VALUES (?, ?, 0, ?) ON DUPLICATE KEY UPDATE on_hand = on_hand',
        [key.orgUnitId, key.materialId, now],
      );
    } else {
      // SQLite serialises writers, so INSERT OR IGNORE is enough there.
      await manager.createQueryBuilder().insert().into(StockLevelEntity).values({ ...key, onHand: 0, updatedAt: now }).orIgnore().updateEntity(false).execute();
    }
    return select();
  }

  async setLevel(manager: EntityManager, key: LevelKey, onHand: number, now: Date): Promise<void> {
    await manager.update(StockLevelEntity, { orgUnitId: key.orgUnitId, materialId: key.materialId }, { onHand, updatedAt: now });
  }

  async insertMovements(manager: EntityManager, movements: StockMovementEntity[]): Promise<void> {
    // In slices, so a long seed history stays well under every engine's parameter limit.
    for (let i = 0; i < movements.length; i += 200) await manager.insert(StockMovementEntity, movements.slice(i, i + 200));
  }

  async insertNotices(manager: EntityManager, notices: LowStockNoticeEntity[]): Promise<void> {
    if (notices.length) await manager.insert(LowStockNoticeEntity, notices);
  }

  /**
   * What was issued to the event, handed out there and brought back, for one
   * material. Read under the lock of the event unit's level row, which every
   * movement of the event's stock takes, so it cannot change underneath.
   */
  async eventBalance(manager: EntityManager, eventId: string, materialId: string): Promise<EventBalanceRow> {
    const rows = await manager
      .getRepository(StockMovementEntity)
      .createQueryBuilder('m')
      .select('m.kind', 'kind')
      .addSelect('SUM(m.quantity)', 'total')
      .where('m.event_id = :eventId AND m.material_id = :materialId', { eventId, materialId })
      .groupBy('m.kind')
      .getRawMany<{ kind: MovementKind; total: string | number }>();
    // MySQL returns SUM as a DECIMAL string (bigNumberStrings); counts fit a JS number.
    const total = (kind: MovementKind) => Number(rows.find((r) => r.kind === kind)?.total ?? 0);
    return { issued: total(MovementKind.ISSUE_TO_EVENT), distributed: total(MovementKind.DISTRIBUTE), returned: total(MovementKind.RETURN_FROM_EVENT) };
  }

  /** Copies handed out at each event (DISTRIBUTE movements of every material), for events that have any. */
  async distributedByEvent(eventIds: readonly string[]): Promise<{ eventId: string; distributed: number }[]> {
    if (eventIds.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(StockMovementEntity)
      .createQueryBuilder('m')
      .select('m.event_id', 'eventId')
      .addSelect('SUM(m.quantity)', 'distributed')
      .where('m.event_id IN (:...eventIds)', { eventIds: [...eventIds] })
      .andWhere('m.kind = :kind', { kind: MovementKind.DISTRIBUTE })
      .groupBy('m.event_id')
      .getRawMany<{ eventId: string; distributed: string | number }>();
    return rows.map((r) => ({ eventId: r.eventId, distributed: Number(r.distributed) }));
  }

  /** Levels of one unit, or of every unit in its subtree, by unit code then material code. */
  levels(orgUnitId: string, includeDescendants: boolean): Promise<StockLevelEntity[]> {
    const query = this.dataSource
      .getRepository(StockLevelEntity)
      .createQueryBuilder('l')
      .innerJoin(OrgUnitEntity, 'u', 'u.id = l.org_unit_id')
      .innerJoin(MaterialEntity, 'mat', 'mat.id = l.material_id')
      .orderBy('u.code', 'ASC')
      .addOrderBy('mat.code', 'ASC');
    if (includeDescendants) query.innerJoin(OrgUnitClosureEntity, 'c', 'c.descendant_id = l.org_unit_id AND c.ancestor_id = :orgUnitId', { orgUnitId });
    else query.where('l.org_unit_id = :orgUnitId', { orgUnitId });
    return query.getMany();
  }

  /** Movements matching `q`, for keyset pagination by (created_at, id). */
  movementQuery(q: MovementQuery): SelectQueryBuilder<StockMovementEntity> {
    const query = this.dataSource.getRepository(StockMovementEntity).createQueryBuilder('m');
    // A subquery, not a join: keyset pagination's `take` must not make TypeORM page over joined rows.
    if (q.subtreeOf) query.andWhere('m.org_unit_id IN (SELECT scope.descendant_id FROM org_unit_closure scope WHERE scope.ancestor_id = :subtreeOf)', { subtreeOf: q.subtreeOf });
    if (q.orgUnitId) query.andWhere('m.org_unit_id = :orgUnitId', { orgUnitId: q.orgUnitId });
    if (q.materialId) query.andWhere('m.material_id = :materialId', { materialId: q.materialId });
    if (q.eventId) query.andWhere('m.event_id = :eventId', { eventId: q.eventId });
    return query;
  }
}
