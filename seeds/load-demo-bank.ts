import { DataSource, In } from 'typeorm';
import { PasswordHasher } from 'src/auth/password-hasher';
import { ConflictError } from 'src/common/errors';
import { UserEntity } from 'src/auth/user.entity';
import { OrgUnitEntity } from 'src/org/org-unit.entity';
import { OrgRepository } from 'src/org/org.repository';
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from './demo-bank';
import { loadDemoCheckIns } from './load-demo-checkins';
import { loadDemoFeedback } from './load-demo-feedback';
import { loadDemoMaterials } from './load-demo-materials';
import { loadDemoPlan } from './load-demo-plan';

/**
 * Loads the demo bank; rows that already exist (by id) are left as they are, so it can run twice.
 * Refuses a database whose head office is another bank's.
 */
export async function loadDemoBank(dataSource: DataSource): Promise<{ units: number; users: number; campaigns: number; events: number }> {
  const orgs = new OrgRepository(dataSource);
  const existingUnits = new Set(
    (await dataSource.getRepository(OrgUnitEntity).findBy({ id: In(DEMO_UNITS.map((u) => u.id)) })).map((u) => u.id),
  );
  const existingUsers = new Set(
    (await dataSource.getRepository(UserEntity).findBy({ id: In(DEMO_USERS.map((u) => u.id)) })).map((u) => u.id),
  );
  const root = await orgs.findRoot();
  if (root && root.id !== DEMO_UNITS[0].id) {
    throw new ConflictError('ROOT_EXISTS', `This database already has a head office (${root.code} ${root.name}) that is not the demo bank's; load the demo bank into an empty database.`);
  }
  // One hash for the shared demo password: argon2 is deliberately slow.
  const passwordHash = await new PasswordHasher().hash(DEMO_PASSWORD);
  const createdAt = new Date();
  let units = 0;
  let users = 0;
  await dataSource.transaction(async (manager) => {
    // DEMO_UNITS lists parents before children, as the closure rows need.
    for (const unit of DEMO_UNITS) {
      if (existingUnits.has(unit.id)) continue;
      await orgs.insert(
        manager,
        Object.assign(new OrgUnitEntity(), {
          id: unit.id,
          code: unit.code,
          name: unit.name,
          level: unit.level,
          parentId: unit.parent ?? null,
          rootMarker: unit.parent ? null : 'ROOT',
          createdAt,
        }),
      );
      units += 1;
    }
    for (const user of DEMO_USERS) {
      if (existingUsers.has(user.id)) continue;
      await manager.insert(UserEntity, { ...user, passwordHash, createdAt });
      users += 1;
    }
  });
  // Then its campaigns and events (seeds/demo-plan.ts).
  const plan = await loadDemoPlan(dataSource);
  // Then the materials catalogue and the stock history (seeds/demo-materials.ts), which uses the plan's events.
  await loadDemoMaterials(dataSource);
  // Then check-ins at the plan's held events, so attendance and reach have figures.
  await loadDemoCheckIns(dataSource);
  // Then the question bank, quizzes and feedback at some completed events (seeds/demo-feedback.ts).
  await loadDemoFeedback(dataSource);
  return { units, users, ...plan };
}
