import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from 'src/common/clock';
import { RequestContext, Role } from 'src/common/request-context';
import { AuditEntryEntity } from './audit-entry.entity';

/** Where a change came from when no request carried it: `npm run create-admin`, or ADMIN_EMAIL at the first start. */
export type SystemOrigin = 'cli' | 'startup';

export type AuditEntityType = 'org_unit' | 'user' | 'event' | 'campaign' | 'material' | 'stock' | 'quiz_question';

/** Field name → [before, after]; for something new, before is null. */
export type AuditChanges = Record<string, [unknown, unknown]>;

export interface AuditEntry {
  /** `<entityType>.<verb>`, e.g. `event.schedule`. */
  action: string;
  entityType: AuditEntityType;
  entityId: string;
  /** The org unit the change belongs to (null: the whole bank). */
  orgUnitId: string | null;
  changes: AuditChanges;
  /** Who acted, when that is not the request's caller: a volunteer joining by link has no session until it has joined. */
  actor?: { userId: string; role: Role };
}

/** Longer text (notes, descriptions) is cut to this many characters: the entry says what changed, the row holds the whole value. */
const MAX_TEXT = 500;
const MAX_ADDRESS = 64;

/**
 * The audit trail's write side. Low-level like the email outbox: it imports no
 * domain, and the domains call it inside the transaction of each change.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly clock: Clock) {}

  /**
   * Records one change through `manager`, which must be the transaction making
   * the change, so the entry commits with it or not at all. The actor is the
   * request's caller (or `entry.actor`); without a request, `origin` names the tool.
   */
  async record(manager: EntityManager, origin: RequestContext | SystemOrigin, entry: AuditEntry): Promise<void> {
    const request = typeof origin === 'string' ? null : origin;
    const caller = request?.principal;
    const actor = entry.actor ?? (caller ? { userId: caller.userId, role: caller.role } : null);
    const changes = Object.fromEntries(Object.entries(entry.changes).map(([field, [before, after]]) => [field, [plain(before), plain(after)]]));
    await manager
      .createQueryBuilder()
      .insert()
      .into(AuditEntryEntity)
      .values({
        occurredAt: this.clock.now(),
        actorId: actor?.userId ?? null,
        actorRole: actor?.role ?? null,
        clientAddress: (request ? request.clientIp : (origin as SystemOrigin)).slice(0, MAX_ADDRESS),
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        orgUnitId: entry.orgUnitId,
        changesJson: JSON.stringify(changes),
      })
      .updateEntity(false)
      .execute();
  }
}

/** The listed fields whose values differ between `before` and `after`, as [before, after]. */
export function changedFields<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of fields) {
    const was = plain(before[field]);
    const is = plain(after[field]);
    if (JSON.stringify(was) !== JSON.stringify(is)) changes[field] = [was, is];
  }
  return changes;
}

/** The listed fields of something new that have a value, as [null, value]. */
export function newFields<T extends object>(values: T, fields: readonly (keyof T & string)[]): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of fields) {
    const value = plain(values[field]);
    if (value !== null) changes[field] = [null, value];
  }
  return changes;
}

/** JSON-friendly and small: dates as ISO strings, long text cut short, undefined as null. */
function plain(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, plain(v)]));
  return value;
}
