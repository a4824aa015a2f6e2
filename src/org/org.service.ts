import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditLog, newFields } from 'src/audit/audit-log';
import { BadInputError, ConflictError, NotFoundError } from 'src/common/errors';
import { byKey, groupByKey, loader, RequestContext, Role } from 'src/common/request-context';
import { isUniqueViolation } from 'src/database/db-errors';
import { AccessPolicy, Capability } from './access-policy';
import { CreateOrgUnitInput } from './dto/create-org-unit.input';
import { OrgUnitsArgs } from './dto/org-units.args';
import { LEVEL_RANK, OrgUnitEntity, OrgUnitLevel } from './org-unit.entity';
import { OrgRepository } from './org.repository';

@Injectable()
export class OrgService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orgs: OrgRepository,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Creates a unit under a parent in the caller's subtree (ADMIN only, as the
   * contract gives no other role org units). One HEAD_OFFICE root; a child ranks
   * deeper than its parent; codes are unique ignoring case (stored upper-case).
   */
  async create(ctx: RequestContext, input: CreateOrgUnitInput): Promise<OrgUnitEntity> {
    this.access.assertRole(ctx, Capability.MANAGE_ORG_UNITS);
    // Upper-cased so "lz-01" and "LZ-01" collide on both engines (MySQL's collation ignores case, SQLite's does not).
    const code = input.code.toUpperCase();
    if (input.level === OrgUnitLevel.HEAD_OFFICE) {
      if (input.parentId) throw new BadInputError('The head office is the root and has no parent.', ['input.parentId']);
      if (await this.orgs.findRoot()) throw new ConflictError('ROOT_EXISTS', 'There is already a head office; a bank has exactly one.');
    } else {
      if (!input.parentId) throw new BadInputError(`A ${input.level} needs a parent unit.`, ['input.parentId']);
      const parent = await this.orgs.findById(input.parentId);
      if (!parent) throw new BadInputError(`Unknown parent unit ${input.parentId}.`, ['input.parentId']);
      await this.access.assertCan(ctx, Capability.MANAGE_ORG_UNITS, parent.id);
      if (LEVEL_RANK[input.level] <= LEVEL_RANK[parent.level]) {
        throw new BadInputError(`A ${input.level} cannot sit under a ${parent.level}; a child must be deeper than its parent.`, ['input.level']);
      }
    }
    if (await this.orgs.codeExists(code)) throw duplicateCode(code);

    const unit = Object.assign(new OrgUnitEntity(), {
      id: randomUUID(),
      code,
      name: input.name.trim(),
      level: input.level,
      parentId: input.parentId ?? null,
      rootMarker: input.level === OrgUnitLevel.HEAD_OFFICE ? 'ROOT' : null,
      createdAt: new Date(),
    });
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.orgs.insert(manager, unit);
        await this.audit.record(manager, ctx, {
          action: 'org_unit.create',
          entityType: 'org_unit',
          entityId: unit.id,
          orgUnitId: unit.id,
          changes: newFields(unit, ['code', 'name', 'level', 'parentId']),
        });
      });
    } catch (error) {
      // A concurrent request won the race for the code or the root.
      if (isUniqueViolation(error)) {
        if (unit.rootMarker && (await this.orgs.findRoot())) throw new ConflictError('ROOT_EXISTS', 'There is already a head office; a bank has exactly one.');
        throw duplicateCode(code);
      }
      throw error;
    }
    return unit;
  }

  /** A unit the caller may read; null when it does not exist and the caller reads the whole bank. */
  async get(ctx: RequestContext, id: string): Promise<OrgUnitEntity | null> {
    await this.access.assertCan(ctx, Capability.READ, id);
    return this.orgs.findById(id);
  }

  /** Like `get`, but NOT_FOUND instead of null. */
  async require(ctx: RequestContext, id: string): Promise<OrgUnitEntity> {
    const unit = await this.get(ctx, id);
    if (!unit) throw new NotFoundError('Org unit', id);
    return unit;
  }

  /** Direct children of `parentId`, or every unit the caller can see; optionally one level only. */
  async list(ctx: RequestContext, args: OrgUnitsArgs): Promise<OrgUnitEntity[]> {
    const principal = this.access.principal(ctx);
    if (args.parentId) {
      await this.access.assertCan(ctx, Capability.READ, args.parentId);
      // A volunteer reads its own unit only, as in `children`.
      if (principal.role === Role.VOLUNTEER) return [];
      return this.orgs.findChildren([args.parentId], args.level);
    }
    if (principal.role === Role.VOLUNTEER) {
      const own = await this.orgs.findById(principal.orgUnitId);
      return own && (!args.level || own.level === args.level) ? [own] : [];
    }
    return this.orgs.findSubtree(this.access.readScopeRoot(ctx), args.level);
  }

  /** Batched by id, for `parent` and `orgUnit` fields. Callers already hold an object that names this unit. */
  loadById(ctx: RequestContext, id: string): Promise<OrgUnitEntity | null> {
    return loader(ctx, 'org.byId', () => new DataLoader<string, OrgUnitEntity | null>(async (ids) => byKey(ids, await this.orgs.findByIds(ids), (u) => u.id))).load(id);
  }

  /** Batched children of a unit the caller already sees; children outside the caller's scope are left out. */
  async loadChildren(ctx: RequestContext, parent: OrgUnitEntity): Promise<OrgUnitEntity[]> {
    const principal = this.access.principal(ctx);
    if (principal.role === Role.VOLUNTEER) return [];
    const children = await loader(ctx, 'org.children', () => new DataLoader<string, OrgUnitEntity[]>(async (ids) => groupByKey(ids, await this.orgs.findChildren(ids), (u) => u.parentId ?? ''))).load(parent.id);
    const scopeRoot = this.access.readScopeRoot(ctx);
    // Children of a unit inside the scope are inside it too; a unit above the scope root (reached through `parent`) shows none.
    if (scopeRoot === null || (await this.access.can(ctx, Capability.READ, parent.id))) return children;
    return [];
  }

  /** Whether `unitId` lies in the subtree of `ancestorId` (itself included). */
  isWithin(ancestorId: string, unitId: string): Promise<boolean> {
    return this.orgs.isWithin(ancestorId, unitId);
  }

  /** FORBIDDEN unless the caller may act on `orgUnitId` with `capability`. */
  assertCan(ctx: RequestContext, capability: Capability, orgUnitId: string) {
    return this.access.assertCan(ctx, capability, orgUnitId);
  }
}

function duplicateCode(code: string): ConflictError {
  return new ConflictError('ALREADY_EXISTS', `An org unit with code "${code}" already exists.`);
}

