import { Injectable } from '@nestjs/common';
import { BadInputError, ForbiddenError, UnauthenticatedError } from 'src/common/errors';
import { ConnectionShape, paginate } from 'src/common/pagination';
import { RequestContext, Role } from 'src/common/request-context';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditRepository } from './audit.repository';
import { AuditChange } from './dto/audit-change.model';
import { AuditLogArgs } from './dto/audit-log.args';

/** The roles that read the audit trail: it spans the whole bank. */
const READERS: ReadonlySet<Role> = new Set([Role.ADMIN, Role.HEAD_OFFICE_ANALYST]);

/** The audit trail's read side. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /** Entries newest first, for ADMIN and HEAD_OFFICE_ANALYST only (others FORBIDDEN); `filter.to` must be after `filter.from`. */
  async list(ctx: RequestContext, args: AuditLogArgs): Promise<ConnectionShape<AuditEntryEntity>> {
    // The role check by hand: AccessPolicy lives in org/, which this low-level folder does not import.
    if (!ctx.principal) throw ctx.authError ?? new UnauthenticatedError();
    if (!READERS.has(ctx.principal.role)) throw new ForbiddenError('Only administrators and head-office analysts may read the audit log.');
    const filter = args.filter ?? {};
    if (filter.from && filter.to && filter.to.getTime() <= filter.from.getTime()) {
      throw new BadInputError('filter.to must be after filter.from.', ['filter.to']);
    }
    const query = this.audit.query({
      entityType: filter.entityType,
      entityId: filter.entityId,
      actorId: filter.actorId,
      subtreeOf: filter.orgUnitId,
      action: filter.action,
      from: filter.from,
      to: filter.to,
    });
    return paginate(
      query,
      args,
      [
        { column: 'a.occurred_at', value: (a) => a.occurredAt.toISOString(), parse: (raw) => new Date(String(raw)) },
        { column: 'a.id', value: (a) => Number(a.id), parse: (raw) => Number(raw) },
      ],
      'DESC',
    );
  }

  /** The fields an entry changed, values as JSON text. */
  changes(entry: AuditEntryEntity): AuditChange[] {
    const stored = JSON.parse(entry.changesJson) as Record<string, [unknown, unknown]>;
    const text = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
    return Object.entries(stored).map(([field, [before, after]]) => ({ field, before: text(before), after: text(after) }));
  }
}
