import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
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
