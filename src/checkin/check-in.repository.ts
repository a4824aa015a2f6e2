import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityMetadata, In } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { TargetGroup } from 'src/campaigns/target-group.enum';
import { isMysql } from 'src/database/engine';
import { EventAssignmentEntity } from 'src/events/event-assignment.entity';
import { EventStatus } from 'src/events/event.enums';
import { EventEntity } from 'src/events/event.entity';
import { CheckInEntity } from './check-in.entity';

/** The facts about an event that a check-in was decided on; the insert happens only while they still hold. */
export interface EventFacts {
  id: string;
  status: EventStatus;
  startsAt: Date;
  endsAt: Date;
  orgUnitId: string;
  /** Set when the caller may check in because they are assigned: the assignment must still exist. */
  assigneeId?: string;
}

export interface GroupCountRow {
  eventId: string;
  targetGroup: TargetGroup;
  count: number;
}

/** The event columns a guarded insert compares, in parameter order. */
const GUARDED_EVENT_FACTS = ['id', 'status', 'startsAt', 'endsAt', 'orgUnitId'] as const;

function eventColumn(event: EntityMetadata, property: (typeof GUARDED_EVENT_FACTS)[number]): ColumnMetadata {
  const column = event.findColumnWithPropertyName(property);
  if (!column) throw new Error(`event.${property} is not a column`);
  return column;
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

  /**
   * Inserts rows of one event in one statement, but only while the event still
   * has the status, times and org unit the caller decided on (and, when given,
   * the assignment still exists): `INSERT … SELECT <rows> WHERE EXISTS (event
   * WHERE <facts>)`. Skips rows that a unique key refuses. Returns the batchIds
   * of the rows inserted (each row carries its own batchId); a row left out was
   * "changed meanwhile or already there", and the caller decides it again from
   * fresh reads. SQL is written here instead of through a query builder: this
   * statement is the whole cost of a check-in on the hot path.
   */
  async insertWhileEventUnchanged(rows: Omit<CheckInEntity, 'id'>[], facts: EventFacts): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const { sql, columns } = this.guardedInsert(rows.length, facts.assigneeId !== undefined);
    const driver = this.dataSource.driver;
    const values = rows.flatMap((row) => columns.map((column) => driver.preparePersistentValue(column.getEntityValue(row), column)));
    const event = this.dataSource.getMetadata(EventEntity);
    const guardValues = GUARDED_EVENT_FACTS.map((property) => driver.preparePersistentValue(facts[property], eventColumn(event, property)));
    const parameters = [...values, ...guardValues, ...(facts.assigneeId !== undefined ? [facts.assigneeId] : [])];
    const runner = this.dataSource.createQueryRunner();
    let affected: number;
    try {
      affected = (await runner.query(sql, parameters, true)).affected ?? 0;
    } finally {
      await runner.release();
    }
    if (affected === rows.length) return new Set(rows.map((r) => r.batchId));
    if (affected === 0) return new Set();
    // Some rows were refused: the stored batchIds say which went in (a refused row's clientId holds another batch's row, or none).
    const ours = new Set(rows.map((r) => r.batchId));
    const stored = await this.findByClientIds(facts.id, rows.map((r) => r.clientId));
    return new Set(stored.map((r) => r.batchId).filter((batchId) => ours.has(batchId)));
  }

  private readonly guardedInserts = new Map<string, { sql: string; columns: ColumnMetadata[] }>();

  private guardedInsert(rowCount: number, withAssignment: boolean): { sql: string; columns: ColumnMetadata[] } {
    const key = `${rowCount}:${withAssignment}`;
    let built = this.guardedInserts.get(key);
    if (!built) {
      const metadata = this.dataSource.getMetadata(CheckInEntity);
      const event = this.dataSource.getMetadata(EventEntity);
      const assignment = this.dataSource.getMetadata(EventAssignmentEntity);
      // reach_folded keeps its default (false): a new row is not folded yet.
      const columns = metadata.columns.filter((c) => !c.isGenerated && c.propertyName !== 'reachFolded');
      const quote = (name: string) => this.dataSource.driver.escape(name);
      const verb = isMysql(this.dataSource) ? 'INSERT IGNORE INTO' : 'INSERT OR IGNORE INTO';
      const guard = GUARDED_EVENT_FACTS.map((property) => `e.${quote(eventColumn(event, property).databaseName)} = ?`).join(' AND ');
      const names = columns.map((c) => quote(c.databaseName));
      // The rows as a derived table: the first SELECT names the columns, the rest follow by position.
      const first = `SELECT ${names.map((name) => `? AS ${name}`).join(', ')}`;
      const rest = new Array(rowCount - 1).fill(`SELECT ${names.map(() => '?').join(', ')}`);
      const sql =
        `${verb} ${quote(metadata.tableName)} (${names.join(', ')}) ` +
        `SELECT ${names.map((name) => `v.${name}`).join(', ')} FROM (${[first, ...rest].join(' UNION ALL ')}) v ` +
        `WHERE EXISTS (SELECT 1 FROM ${quote(event.tableName)} e WHERE ${guard}` +
        (withAssignment ? ` AND EXISTS (SELECT 1 FROM ${quote(assignment.tableName)} a WHERE a.event_id = e.id AND a.user_id = ?)` : '') +
        ')';
      built = { sql, columns };
      // One statement per batch size (at most MAX_COALESCED_ROWS) and assignment guard: a bounded set.
      this.guardedInserts.set(key, built);
    }
    return built;
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
