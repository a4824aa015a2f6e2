import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { CampaignEntity, CampaignTargetEntity } from './campaign.entity';

/** Campaign queries. No rules here: CampaignService holds them. */
@Injectable()
export class CampaignRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string): Promise<CampaignEntity | null> {
    return this.dataSource.getRepository(CampaignEntity).findOneBy({ id });
  }

  findByIds(ids: readonly string[]): Promise<CampaignEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(CampaignEntity).findBy({ id: In([...ids]) });
  }

  /** Targets of several campaigns, each campaign's in the order given. */
  targetsOf(campaignIds: readonly string[]): Promise<CampaignTargetEntity[]> {
    if (campaignIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(CampaignTargetEntity).find({ where: { campaignId: In([...campaignIds]) }, order: { position: 'ASC' } });
  }

  async insert(manager: EntityManager, campaign: CampaignEntity, targets: CampaignTargetEntity[]): Promise<void> {
    await manager.insert(CampaignEntity, campaign);
    if (targets.length) await manager.insert(CampaignTargetEntity, targets);
  }

  async save(manager: EntityManager, campaign: CampaignEntity, targets?: CampaignTargetEntity[]): Promise<void> {
    const { orgUnit: _unit, createdBy: _user, ...columns } = campaign;
    await manager.update(CampaignEntity, { id: campaign.id }, columns);
    if (targets) {
      await manager.delete(CampaignTargetEntity, { campaignId: campaign.id });
      if (targets.length) await manager.insert(CampaignTargetEntity, targets);
    }
  }

  /**
   * Campaigns related to `unitId` (null: every campaign): owned by the unit or
   * one of its ancestors (they cover it) or by a unit in its subtree.
   */
  listQuery(filter: { relatedTo: string | null; activeOn?: string }): SelectQueryBuilder<CampaignEntity> {
    const query = this.dataSource.getRepository(CampaignEntity).createQueryBuilder('c');
    if (filter.relatedTo) {
      query.andWhere(
        new Brackets((q) =>
          q
            .where('c.org_unit_id IN (SELECT up.ancestor_id FROM org_unit_closure up WHERE up.descendant_id = :related)')
            .orWhere('c.org_unit_id IN (SELECT down.descendant_id FROM org_unit_closure down WHERE down.ancestor_id = :related)'),
        ),
        { related: filter.relatedTo },
      );
    }
    if (filter.activeOn) query.andWhere('c.start_date <= :activeOn AND c.end_date >= :activeOn', { activeOn: filter.activeOn });
    return query;
  }

  /**
   * First start and last end of the campaign's events that still take place.
   * Events reference campaigns (event.campaign_id); this reads that dependent
   * table the way a foreign key check would, without importing the events domain.
   */
  async linkedEventSpan(campaignId: string): Promise<{ first: Date; last: Date } | null> {
    const rows: { first: unknown; last: unknown }[] = await this.dataSource.query(
      `SELECT MIN(starts_at) AS first, MAX(ends_at) AS last FROM event WHERE campaign_id = ? AND status <> 'CANCELLED'`,
      [campaignId],
    );
    const row = rows[0];
    if (!row || row.first === null || row.first === undefined) return null;
    return { first: toDate(row.first), last: toDate(row.last) };
  }
}

/** A DATETIME read by a raw query: a Date from mysql2 (UTC), a 'YYYY-MM-DD HH:MM:SS.SSS' UTC string from SQLite. */
function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  return new Date(`${String(value).replace(' ', 'T')}Z`);
}
