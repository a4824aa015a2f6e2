import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditEntryEntity } from 'src/audit/audit-entry.entity';
import { Ctx, RequestContext } from 'src/common/request-context';
import { OrgUnitEntity } from 'src/org/org-unit.entity';
import { OrgService } from 'src/org/org.service';
import { CreateUserInput } from './dto/create-user.input';
import { UserEntity } from './user.entity';
import { UserService } from './user.service';

@Resolver(() => UserEntity)
export class UserResolver {
  constructor(
    private readonly users: UserService,
    private readonly orgService: OrgService,
  ) {}

  @Mutation(() => UserEntity)
  createUser(@Ctx() ctx: RequestContext, @Args('input') input: CreateUserInput) {
    return this.users.create(ctx, input);
  }

  @ResolveField(() => OrgUnitEntity)
  orgUnit(@Ctx() ctx: RequestContext, @Parent() user: UserEntity) {
    return this.orgService.loadById(ctx, user.orgUnitId);
  }
}

/** `AuditEntry.actor` and `.orgUnit` live here, with the users and units they name, so audit/ imports no domain. */
@Resolver(() => AuditEntryEntity)
export class AuditEntryNamesResolver {
  constructor(
    private readonly users: UserService,
    private readonly orgService: OrgService,
  ) {}

  @ResolveField(() => UserEntity, { nullable: true, description: 'Null for a change made by a command-line tool or at the first start.' })
  actor(@Ctx() ctx: RequestContext, @Parent() entry: AuditEntryEntity) {
    return entry.actorId ? this.users.loadById(ctx, entry.actorId) : null;
  }

  @ResolveField(() => OrgUnitEntity, { nullable: true })
  orgUnit(@Ctx() ctx: RequestContext, @Parent() entry: AuditEntryEntity) {
    return entry.orgUnitId ? this.orgService.loadById(ctx, entry.orgUnitId) : null;
  }
}
