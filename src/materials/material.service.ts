import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditLog, newFields } from 'src/audit/audit-log';
import { Clock } from 'src/common/clock';
import { BadInputError, ConflictError, ForbiddenError } from 'src/common/errors';
import { ConnectionShape, paginate } from 'src/common/pagination';
import { byKey, loader, RequestContext } from 'src/common/request-context';
import { isUniqueViolation } from 'src/database/db-errors';
import { AccessPolicy, Capability } from 'src/org/access-policy';
import { OrgRepository } from 'src/org/org.repository';
import { CreateMaterialInput } from './dto/create-material.input';
import { MaterialsArgs } from './dto/materials.args';
import { MaterialEntity } from './material.entity';
import { MaterialRepository } from './material.repository';

/** The materials catalogue: one list for the whole bank, kept by head office. */
@Injectable()
export class MaterialService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly materials: MaterialRepository,
    private readonly orgs: OrgRepository,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Adds a material to the catalogue. Head office prints for the whole bank, so
   * only callers with MANAGE_STOCK at the head office itself may do it: ADMIN,
   * and branch-manager or outreach-staff accounts placed at the head office.
   * Codes are unique ignoring case (stored upper-case).
   */
  async create(ctx: RequestContext, input: CreateMaterialInput): Promise<MaterialEntity> {
    const principal = this.access.principal(ctx);
    const root = await this.orgs.findRoot();
    if (!root || !(await this.access.can(ctx, Capability.MANAGE_STOCK, root.id))) {
      throw new ForbiddenError('Only head office (ADMIN, or stock managers placed at the head office) maintains the materials catalogue.');
    }
    const code = input.code.toUpperCase();
    const title = input.title.trim();
    if (!title) throw new BadInputError('title must not be blank.', ['input.title']);
    if (await this.materials.codeExists(code)) throw duplicateCode(code);
    const material = Object.assign(new MaterialEntity(), {
      id: randomUUID(),
      code,
      title,
      topic: input.topic?.trim() || null,
      format: input.format,
      language: canonicalLanguage(input.language, 'input.language'),
      lowStockThreshold: input.lowStockThreshold ?? null,
      createdById: principal.userId,
      createdAt: this.clock.now(),
    });
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.materials.insert(manager, material);
        await this.audit.record(manager, ctx, {
          action: 'material.create',
          entityType: 'material',
          entityId: material.id,
          orgUnitId: root.id,
          changes: newFields(material, ['code', 'title', 'topic', 'format', 'language', 'lowStockThreshold']),
        });
      });
    } catch (error) {
      // A concurrent request took the code first.
      if (isUniqueViolation(error)) throw duplicateCode(code);
      throw error;
    }
    return material;
  }

  /** The catalogue by code; every signed-in user may read it (volunteers hand the materials out). */
  async list(ctx: RequestContext, args: MaterialsArgs): Promise<ConnectionShape<MaterialEntity>> {
    this.access.principal(ctx);
    const filter = args.filter ?? {};
    const language = filter.language ? canonicalLanguage(filter.language, 'filter.language') : undefined;
    return paginate(this.materials.query({ format: filter.format, language }), args, [{ column: 'mat.code', value: (m) => m.code }]);
  }

  /** The material named by an input field, or BAD_USER_INPUT naming that field. */
  async requireForInput(id: string, field: string): Promise<MaterialEntity> {
    const material = await this.materials.findById(id);
    if (!material) throw new BadInputError(`Unknown material ${id}.`, [field]);
    return material;
  }

  /** Batched by id, for `material` fields of levels and movements the caller already sees. */
  loadById(ctx: RequestContext, id: string): Promise<MaterialEntity | null> {
    return loader(ctx, 'material.byId', () => new DataLoader<string, MaterialEntity | null>(async (ids) => byKey(ids, await this.materials.findByIds(ids), (m) => m.id))).load(id);
  }
}

/** `zh-cn` and `ZH-CN` are both stored and matched as `zh-CN`. */
function canonicalLanguage(tag: string, field: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    throw new BadInputError(`${field} must be a language tag such as zh-CN or en.`, [field]);
  }
}

function duplicateCode(code: string): ConflictError {
  return new ConflictError('ALREADY_EXISTS', `A material with code "${code}" already exists.`);
}
