import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { OrgUnitClosureEntity, OrgUnitEntity, OrgUnitLevel } from './org-unit.entity';

const KNOWN_WITHIN_LIMIT = 50_000;

/** Tree queries through the closure table. No rules here: AccessPolicy and OrgService hold them. */
@Injectable()
export class OrgRepository {
  private readonly knownWithin = new Set<string>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes the unit and its closure rows (itself at depth 0, then every ancestor of its parent). */
  async insert(manager: EntityManager, unit: OrgUnitEntity): Promise<void> {
    await manager.insert(OrgUnitEntity, unit);
    await manager.query(
      `INSERT INTO org_unit_closure (ancestor_id, descendant_id, depth)
       SELECT ancestor_id, ?, depth + 1 FROM org_unit_closure WHERE descendant_id = ?`,
      [unit.id, unit.parentId ?? ''],
    );
    await manager.insert(OrgUnitClosureEntity, { ancestorId: unit.id, descendantId: unit.id, depth: 0 });
  }

  findById(id: string): Promise<OrgUnitEntity | null> {
    return this.dataSource.getRepository(OrgUnitEntity).findOneBy({ id });
  }

  findByIds(ids: readonly string[]): Promise<OrgUnitEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(OrgUnitEntity).findBy({ id: In([...ids]) });
  }

  findRoot(): Promise<OrgUnitEntity | null> {
    return this.dataSource.getRepository(OrgUnitEntity).findOneBy({ rootMarker: 'ROOT' });
  }

  /**
   * Whether `unitId` lies in the subtree of `ancestorId`. Units never move or go
   * away, so a "yes" can never become "no": positive answers are remembered (up
   * to a bound), which takes a query off every scope check on the check-in path.
   */
  async isWithin(ancestorId: string, unitId: string): Promise<boolean> {
    const key = `${ancestorId}/${unitId}`;
    if (this.knownWithin.has(key)) return true;
    const found = await this.dataSource.getRepository(OrgUnitClosureEntity).exists({ where: { ancestorId, descendantId: unitId } });
    if (found) {
      if (this.knownWithin.size >= KNOWN_WITHIN_LIMIT) this.knownWithin.clear();
      this.knownWithin.add(key);
    }
    return found;
  }

  /** Direct children of each parent, in code order. */
  findChildren(parentIds: readonly string[], level?: OrgUnitLevel): Promise<OrgUnitEntity[]> {
    if (parentIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(OrgUnitEntity).find({
      where: { parentId: In([...parentIds]), ...(level ? { level } : {}) },
      order: { code: 'ASC' },
    });
  }

  /** The unit and everything below it (or the whole bank when rootId is null), in code order. */
  findSubtree(rootId: string | null, level?: OrgUnitLevel): Promise<OrgUnitEntity[]> {
    const query = this.dataSource.getRepository(OrgUnitEntity).createQueryBuilder('u').orderBy('u.code', 'ASC');
    if (rootId) query.innerJoin(OrgUnitClosureEntity, 'c', 'c.descendant_id = u.id AND c.ancestor_id = :rootId', { rootId });
    if (level) query.andWhere('u.level = :level', { level });
    return query.getMany();
  }

  async codeExists(code: string): Promise<boolean> {
    return this.dataSource.getRepository(OrgUnitEntity).exists({ where: { code } });
  }
}
