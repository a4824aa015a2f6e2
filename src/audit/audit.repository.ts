import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity';

/** Which entries a page of the audit log may hold; the service derives it from the filter. */
export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  /** Entries of this unit's subtree. */
  subtreeOf?: string;
  action?: string;
  /** occurred_at in [from, to). */
  from?: Date;
  to?: Date;
}

/** Audit log queries; every filter has an index that leads with it (see AuditEntryEntity). No rules here. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  query(q: AuditQuery): SelectQueryBuilder<AuditEntryEntity> {
    const query = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a');
    if (q.entityType) query.andWhere('a.entity_type = :entityType', { entityType: q.entityType });
    if (q.entityId) query.andWhere('a.entity_id = :entityId', { entityId: q.entityId });
    if (q.actorId) query.andWhere('a.actor_id = :actorId', { actorId: q.actorId });
    if (q.action) query.andWhere('a.action = :action', { action: q.action });
    // The closure table by name, as other repositories do, so audit/ imports no domain.
    if (q.subtreeOf) query.andWhere('a.org_unit_id IN (SELECT scope.descendant_id FROM org_unit_closure scope WHERE scope.ancestor_id = :subtreeOf)', { subtreeOf: q.subtreeOf });
    if (q.from) query.andWhere('a.occurred_at >= :from', { from: q.from });
    if (q.to) query.andWhere('a.occurred_at < :to', { to: q.to });
    return query;
  }
}
