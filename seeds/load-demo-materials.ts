import { DataSource, In } from 'typeorm';
import { EventEntity } from 'src/events/event.entity';
import { LowStockNoticeEntity } from 'src/materials/low-stock-notice.entity';
import { MaterialEntity } from 'src/materials/material.entity';
import { StockLedger } from 'src/materials/stock-ledger';
import { StockMovementEntity } from 'src/materials/stock-movement.entity';
import { StockRepository } from 'src/materials/stock.repository';
import { USERS } from './demo-bank';
import { buildDemoStockHistory, DEMO_MATERIALS, demoMovementId, DemoEventTimes } from './demo-materials';
import { EVENTS } from './demo-plan';

/** Low-stock notices of the demo history older than this are not kept: nobody needs a mail about 2025's shelves. */
const NOTICE_HORIZON_DAYS = 14;

/**
 * Loads the demo catalogue and stock history (after the demo plan, whose events
 * it uses). Materials that already exist (by id) are kept; the history is
 * written once, through the same ledger as the API (levels and the last two
 * weeks' low-stock notices included), and skipped when its first movement is
 * already there.
 */
export async function loadDemoMaterials(dataSource: DataSource, options: { now?: Date } = {}): Promise<{ materials: number; movements: number }> {
  const now = options.now ?? new Date();
  const existing = new Set((await dataSource.getRepository(MaterialEntity).findBy({ id: In(DEMO_MATERIALS.map((m) => m.id)) })).map((m) => m.id));
  const materials = DEMO_MATERIALS.filter((m) => !existing.has(m.id)).map((m) =>
    Object.assign(new MaterialEntity(), { ...m, createdById: USERS.admin.id, createdAt: new Date('2025-02-20T02:00:00Z') }),
  );
  const historyLoaded = await dataSource.getRepository(StockMovementEntity).exists({ where: { id: demoMovementId(1) } });
  const events = new Map<string, DemoEventTimes>((await dataSource.getRepository(EventEntity).findBy({ id: In(Object.values(EVENTS)) })).map((e) => [e.id, e]));
  const history = historyLoaded ? [] : buildDemoStockHistory(now, events);

  await dataSource.transaction(async (manager) => {
    if (materials.length) await manager.insert(MaterialEntity, materials);
    if (history.length) {
      const catalogue = await manager.getRepository(MaterialEntity).findBy({ id: In(DEMO_MATERIALS.map((m) => m.id)) });
      await new StockLedger(new StockRepository(dataSource)).record(manager, history, catalogue, now);
      // The ledger noted every crossing of the 2025 history too; only recent ones should still turn into emails on a first start.
      await manager
        .createQueryBuilder()
        .delete()
        .from(LowStockNoticeEntity)
        .where('created_at < :cutoff', { cutoff: new Date(now.getTime() - NOTICE_HORIZON_DAYS * 24 * 3600_000) })
        .andWhere('movement_id IN (:...ids)', { ids: history.map((p) => p.id) })
        .execute();
    }
  });
  return { materials: materials.length, movements: history.length };
}
