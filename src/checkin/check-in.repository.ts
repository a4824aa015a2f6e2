import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { TargetGroup } from 'src/campaigns/target-group.enum';
import { CheckInEntity } from './check-in.entity';

export interface GroupCountRow {
  eventId: string;
  targetGroup: TargetGroup;
  count: number;
}

/** Check-in writes and counts. No rules here: CheckInService holds them. */
@Injectable()
export class CheckInRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts the rows, skipping any that a unique key refuses (a clientId or phone
   * already checked in at that event). One statement: MySQL's INSERT IGNORE,
   * SQLite's INSERT OR IGNORE. Returns how many rows were inserted.
   */
  async insertIgnoringDuplicates(rows: Omit<CheckInEntity, 'id'>[]): Promise<number> {
    if (rows.length === 0) return 0;
    const [sql, parameters] = this.dataSource.createQueryBuilder().insert().into(CheckInEntity).values(rows).orIgnore().updateEntity(false).getQueryAndParameters();
    const runner = this.dataSource.createQueryRunner();
    try {
      // The structured result carries the number of rows actually inserted, on both drivers.
      const result = await runner.query(sql, parameters, true);
      return result.affected ?? 0;
    } finally {
      await runner.release();
    }
  }

  /** Which of these clientIds are stored for the event, and by which batch. */
  async findByClientIds(eventId: string, clientIds: string[]): Promise<{ clientId: string; batchId: string }[]> {
    if (clientIds.length === 0) return [];
    return this.dataSource
      .getRepository(CheckInEntity)
      .find({ select: { clientId: true, batchId: true }, where: { eventId, clientId: In(clientIds) } });
  }

  /** Sum of accepted counts per event and target group. Uses the (event, group, count) index only. */
  async countsByGroup(eventIds: readonly string[]): Promise<GroupCountRow[]> {
    if (eventIds.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(CheckInEntity)
      .createQueryBuilder('c')
      .select('c.event_id', 'eventId')
      .addSelect('c.target_group', 'targetGroup')
      .addSelect('SUM(c.count)', 'count')
      .where('c.event_id IN (:...eventIds)', { eventIds: [...eventIds] })
      .groupBy('c.event_id')
      .addGroupBy('c.target_group')
      .getRawMany<{ eventId: string; targetGroup: TargetGroup; count: string | number }>();
    // MySQL returns SUM as a DECIMAL string (bigNumberStrings); a count always fits a JS number.
    return rows.map((r) => ({ eventId: r.eventId, targetGroup: r.targetGroup, count: Number(r.count) }));
  }

  pageQuery(eventId: string) {
    return this.dataSource.getRepository(CheckInEntity).createQueryBuilder('c').where('c.event_id = :eventId', { eventId });
  }
}
