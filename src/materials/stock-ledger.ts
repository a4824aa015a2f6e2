import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ConflictError } from 'src/common/errors';
import { LowStockNoticeEntity, LowStockNoticeStatus } from './low-stock-notice.entity';
import { MaterialEntity } from './material.entity';
import { StockLevelEntity } from './stock-level.entity';
import { MovementKind, STOCK_EFFECT, StockMovementEntity } from './stock-movement.entity';
import { LevelKey, StockRepository } from './stock.repository';

/** A movement to write; `id` only when a seed needs a fixed one. */
export interface Posting {
  id?: string;
  materialId: string;
  orgUnitId: string;
  kind: MovementKind;
  quantity: number;
  eventId?: string | null;
  counterpartOrgUnitId?: string | null;
  note?: string | null;
  createdAt: Date;
  createdById: string;
}

/** Level rows held under lock for the rest of the transaction, by `levelKey`. */
export type LockedLevels = Map<string, StockLevelEntity>;

export const levelKey = (k: LevelKey): string => `${k.orgUnitId}/${k.materialId}`;

export function toMovement(p: Posting): StockMovementEntity {
  return Object.assign(new StockMovementEntity(), {
    id: p.id ?? randomUUID(),
    materialId: p.materialId,
    orgUnitId: p.orgUnitId,
    kind: p.kind,
    quantity: p.quantity,
    eventId: p.eventId ?? null,
    counterpartOrgUnitId: p.counterpartOrgUnitId ?? null,
    note: p.note ?? null,
    createdAt: p.createdAt,
    createdById: p.createdById,
  });
}

/**
 * Applies movements, in order, to the given levels (mutated in place; a missing
 * key counts as zero). A level never goes below zero: such a movement is CONFLICT
 * INSUFFICIENT_STOCK. A movement that takes a level from at least the material's
 * threshold to below it yields one low-stock notice; one already below yields none.
 * Pure, so the service (under row locks) and the demo seed share the same rules.
 */
export function applyMovements(
  levels: Map<string, number>,
  movements: StockMovementEntity[],
  thresholds: ReadonlyMap<string, number | null>,
): LowStockNoticeEntity[] {
  const notices: LowStockNoticeEntity[] = [];
  for (const movement of movements) {
    const effect = STOCK_EFFECT[movement.kind];
    if (!Number.isInteger(movement.quantity) || movement.quantity <= 0) throw new Error(`A ${movement.kind} movement needs a positive whole quantity.`);
    if (effect === 0) continue;
    const key = levelKey(movement);
    const before = levels.get(key) ?? 0;
    const after = before + effect * movement.quantity;
    if (after < 0) {
      throw new ConflictError('INSUFFICIENT_STOCK', `Not enough stock: the unit holds ${before} of this material and ${movement.quantity} were asked for.`);
    }
    levels.set(key, after);
    const threshold = thresholds.get(movement.materialId) ?? null;
    if (threshold !== null && before >= threshold && after < threshold) {
      notices.push(
        Object.assign(new LowStockNoticeEntity(), {
          id: randomUUID(),
          orgUnitId: movement.orgUnitId,
          materialId: movement.materialId,
          level: after,
          threshold,
          movementId: movement.id,
          status: LowStockNoticeStatus.PENDING,
          createdAt: movement.createdAt,
        }),
      );
    }
  }
  return notices;
}

/**
 * The one write path of the stock ledger: lock the level rows a change touches
 * (always in the same order), append the movements, update the levels and
 * record low-stock notices, all in the caller's transaction. Callers run inside
 * `lockingTransaction`, so losers of a race wait for the lock and then see the
 * winner's level.
 */
@Injectable()
export class StockLedger {
  constructor(private readonly stock: StockRepository) {}

  /**
   * Locks the level rows of `keys` in (unit, material) order, so two transfers
   * between the same units in opposite directions never wait on each other in a
   * cycle. Keys in `create` get a zero row first if they have none.
   */
  async lock(manager: EntityManager, keys: LevelKey[], now: Date, create: LevelKey[] = []): Promise<LockedLevels> {
    const creating = new Set(create.map(levelKey));
    const unique = new Map([...keys, ...create].map((k) => [levelKey(k), { orgUnitId: k.orgUnitId, materialId: k.materialId }]));
    const locked: LockedLevels = new Map();
    for (const [key, k] of [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const level = await this.stock.lockLevel(manager, k, creating.has(key), now);
      if (level) locked.set(key, level);
    }
    return locked;
  }

  /**
   * Appends `postings` and moves the locked levels accordingly; CONFLICT
   * INSUFFICIENT_STOCK (and nothing written) if any level would go below zero.
   * Returns the touched levels after the change, in posting order.
   */
  async post(manager: EntityManager, locked: LockedLevels, postings: Posting[], materials: MaterialEntity[]): Promise<StockLevelEntity[]> {
    const movements = postings.map(toMovement);
    const levels = new Map<string, number>();
    for (const m of movements) {
      const key = levelKey(m);
      const row = locked.get(key);
      if (!row && STOCK_EFFECT[m.kind] > 0) throw new Error(`Level ${key} must be locked (with create) before stock is added to it.`);
      if (row && !levels.has(key)) levels.set(key, row.onHand);
    }
    const notices = applyMovements(levels, movements, new Map(materials.map((m) => [m.id, m.lowStockThreshold])));
    await this.stock.insertMovements(manager, movements);
    const touched: StockLevelEntity[] = [];
    for (const [key, onHand] of levels) {
      const row = locked.get(key) as StockLevelEntity;
      const updatedAt = movements.filter((m) => levelKey(m) === key).reduce((t, m) => (m.createdAt > t ? m.createdAt : t), row.updatedAt);
      if (onHand !== row.onHand) await this.stock.setLevel(manager, row, onHand, updatedAt);
      touched.push(Object.assign(new StockLevelEntity(), { orgUnitId: row.orgUnitId, materialId: row.materialId, onHand, updatedAt }));
    }
    await this.stock.insertNotices(manager, notices);
    return touched;
  }

  /** `lock` then `post`, for changes whose only rule is "never below zero". */
  async record(manager: EntityManager, postings: Posting[], materials: MaterialEntity[], now: Date): Promise<StockLevelEntity[]> {
    const moving = postings.filter((p) => STOCK_EFFECT[p.kind] !== 0);
    const locked = await this.lock(manager, moving, now, moving.filter((p) => STOCK_EFFECT[p.kind] > 0));
    return this.post(manager, locked, postings, materials);
  }
}
