import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { AuditEntry, AuditLog, newFields } from 'src/audit/audit-log';
import { BadInputError, ConflictError, ForbiddenError } from 'src/common/errors';
import { byKey, loader, RequestContext, Role } from 'src/common/request-context';
import { isUniqueViolation } from 'src/database/db-errors';
import { AccessPolicy, Capability } from 'src/org/access-policy';
import { OrgUnitLevel } from 'src/org/org-unit.entity';
import { OrgRepository } from 'src/org/org.repository';
import { CreateUserInput } from './dto/create-user.input';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './user.entity';

/** Roles only an ADMIN may hand out, and only at the head office. */
const HEAD_OFFICE_ROLES: ReadonlySet<Role> = new Set([Role.ADMIN, Role.HEAD_OFFICE_ANALYST]);

@Injectable()
export class UserService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly orgs: OrgRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Creates a user in the caller's subtree (ADMIN anywhere, BRANCH_MANAGER in its
   * own). ADMIN and HEAD_OFFICE_ANALYST are granted by an ADMIN only, at the head office.
   */
  async create(ctx: RequestContext, input: CreateUserInput): Promise<UserEntity> {
    const principal = this.access.assertRole(ctx, Capability.MANAGE_USERS);
    await this.access.assertCan(ctx, Capability.MANAGE_USERS, input.orgUnitId);
    if (HEAD_OFFICE_ROLES.has(input.role) && principal.role !== Role.ADMIN) {
      throw new ForbiddenError(`Only an administrator may create a ${input.role} user.`);
    }
    const unit = await this.orgs.findById(input.orgUnitId);
    if (!unit) throw new BadInputError(`Unknown org unit ${input.orgUnitId}.`, ['input.orgUnitId']);
    if (HEAD_OFFICE_ROLES.has(input.role) && unit.level !== OrgUnitLevel.HEAD_OFFICE) {
      throw new BadInputError(`A ${input.role} belongs to the head office.`, ['input.orgUnitId']);
    }
    const email = normaliseEmail(input.email);
    if (await this.dataSource.getRepository(UserEntity).exists({ where: { email } })) throw duplicateEmail(email);

    const user = Object.assign(new UserEntity(), {
      id: randomUUID(),
      email,
      name: input.name.trim(),
      passwordHash: await this.hasher.hash(input.password),
      role: input.role,
      orgUnitId: unit.id,
      locale: input.locale ?? 'zh-CN',
      createdAt: new Date(),
    });
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(UserEntity, user);
        await this.audit.record(manager, ctx, userCreated(user));
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateEmail(email);
      throw error;
    }
    return user;
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ id });
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ email: normaliseEmail(email) });
  }

  /** Batched by id, for fields such as `EventAssignment.user`; the caller already sees the parent object. */
  loadById(ctx: RequestContext, id: string): Promise<UserEntity | null> {
    return loader(ctx, 'user.byId', () =>
      new DataLoader<string, UserEntity | null>(async (ids) =>
        byKey(ids, ids.length ? await this.dataSource.getRepository(UserEntity).findBy({ id: In([...ids]) }) : [], (u) => u.id),
      ),
    ).load(id);
  }
}

/** The audit entry of a new user: who it is, never its password or hash. */
export function userCreated(user: UserEntity): AuditEntry {
  return { action: 'user.create', entityType: 'user', entityId: user.id, orgUnitId: user.orgUnitId, changes: newFields(user, ['email', 'name', 'role', 'orgUnitId', 'locale']) };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function duplicateEmail(email: string): ConflictError {
  return new ConflictError('ALREADY_EXISTS', `A user with email ${email} already exists.`);
}
