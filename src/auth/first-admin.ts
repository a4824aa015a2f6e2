import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Role } from 'src/common/request-context';
import { OrgUnitEntity, OrgUnitLevel } from 'src/org/org-unit.entity';
import { OrgRepository } from 'src/org/org.repository';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './user.entity';
import { normaliseEmail } from './user.service';

export interface AdminSpec {
  email: string;
  password: string;
  name?: string;
  headOfficeName: string;
}

/**
 * Creates an ADMIN at the head office, creating the head office (code HO) first
 * when the bank has none. Refuses an email that is already taken.
 */
export async function createAdmin(dataSource: DataSource, spec: AdminSpec): Promise<UserEntity> {
  if (spec.password.length < 10) throw new Error('The admin password must be at least 10 characters.');
  const email = normaliseEmail(spec.email);
  const passwordHash = await new PasswordHasher().hash(spec.password);
  const orgs = new OrgRepository(dataSource);
  return dataSource.transaction(async (manager) => {
    if (await manager.getRepository(UserEntity).exists({ where: { email } })) throw new Error(`A user with email ${email} already exists.`);
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
    }
    const user = Object.assign(new UserEntity(), {
      id: randomUUID(),
      email,
      name: spec.name ?? 'Administrator',
      passwordHash,
      role: Role.ADMIN,
      orgUnitId: root.id,
      locale: 'zh-CN',
      createdAt: new Date(),
    });
    await manager.insert(UserEntity, user);
    return user;
  });
}

export async function hasAnyUser(dataSource: DataSource): Promise<boolean> {
  return dataSource.getRepository(UserEntity).exists({});
}
