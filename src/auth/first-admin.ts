import { randomUUID } from 'node:crypto';
import { isEmail } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditLog, newFields, SystemOrigin } from 'src/audit/audit-log';
import { Clock } from 'src/common/clock';
import { BadInputError, ConflictError } from 'src/common/errors';
import { Role } from 'src/common/request-context';
import { OrgUnitEntity, OrgUnitLevel } from 'src/org/org-unit.entity';
import { OrgRepository } from 'src/org/org.repository';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './user.entity';
import { normaliseEmail, userCreated } from './user.service';

export interface AdminSpec {
  email: string;
  password: string;
  name?: string;
  headOfficeName: string;
  /** Recorded in the audit log as the client address: there is no request. Default `startup` (ADMIN_EMAIL). */
  origin?: SystemOrigin;
}

/**
 * Creates an ADMIN at the head office, creating the head office (code HO) first
 * when the bank has none. Same rules as createUser: a real email not yet taken, a password of 10+ characters.
 */
export async function createAdmin(dataSource: DataSource, spec: AdminSpec): Promise<UserEntity> {
  const email = normaliseEmail(spec.email);
  if (!isEmail(email)) throw new BadInputError(`"${spec.email}" is not an email address.`, ['email']);
  if (spec.password.length < 10) throw new BadInputError('The admin password must be at least 10 characters.', ['password']);
  const name = spec.name?.trim() || 'Administrator';
  if (name.length > 100) throw new BadInputError('The name must be at most 100 characters.', ['name']);
  const passwordHash = await new PasswordHasher().hash(spec.password);
  const orgs = new OrgRepository(dataSource);
  // Outside Nest (the CLI): the audit log's Clock is the real one.
  const audit = new AuditLog(new Clock());
  const origin = spec.origin ?? 'startup';
  return dataSource.transaction(async (manager) => {
    if (await manager.getRepository(UserEntity).exists({ where: { email } })) throw new ConflictError('ALREADY_EXISTS', `A user with email ${email} already exists.`);
    let root = await manager.getRepository(OrgUnitEntity).findOneBy({ rootMarker: 'ROOT' });
    if (!root) {
      root = Object.assign(new OrgUnitEntity(), {
        id: randomUUID(),
        code: 'HO',
        name: spec.headOfficeName,
        level: OrgUnitLevel.HEAD_OFFICE,
        parentId: null,
        rootMarker: 'ROOT',
        createdAt: new Date(),
      });
      await orgs.insert(manager, root);
      await audit.record(manager, origin, { action: 'org_unit.create', entityType: 'org_unit', entityId: root.id, orgUnitId: root.id, changes: newFields(root, ['code', 'name', 'level']) });
    }
    const user = Object.assign(new UserEntity(), {
      id: randomUUID(),
      email,
      name,
      passwordHash,
      role: Role.ADMIN,
      orgUnitId: root.id,
      locale: 'zh-CN',
      createdAt: new Date(),
    });
    await manager.insert(UserEntity, user);
    await audit.record(manager, origin, userCreated(user));
    return user;
  });
}

export async function hasAnyUser(dataSource: DataSource): Promise<boolean> {
  return dataSource.getRepository(UserEntity).exists({});
}
