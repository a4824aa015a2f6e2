import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from 'src/common/request-context';
import { CreateOrgUnitInput } from './dto/create-org-unit.input';
import { OrgUnitsArgs } from './dto/org-units.args';
import { OrgUnitEntity } from './org-unit.entity';
import { OrgService } from './org.service';

@Resolver(() => OrgUnitEntity)
export class OrgUnitResolver {
  constructor(private readonly orgService: OrgService) {}

  @Query(() => OrgUnitEntity, { nullable: true })
  orgUnit(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.orgService.get(ctx, id);
  }

  @Query(() => [OrgUnitEntity])
  orgUnits(@Ctx() ctx: RequestContext, @Args() args: OrgUnitsArgs) {
    return this.orgService.list(ctx, args);
  }

  @Mutation(() => OrgUnitEntity)
  createOrgUnit(@Ctx() ctx: RequestContext, @Args('input') input: CreateOrgUnitInput) {
    return this.orgService.create(ctx, input);
  }

  @ResolveField(() => OrgUnitEntity, { nullable: true })
  parent(@Ctx() ctx: RequestContext, @Parent() unit: OrgUnitEntity) {
    return unit.parentId ? this.orgService.loadById(ctx, unit.parentId) : null;
  }

  @ResolveField(() => [OrgUnitEntity])
  children(@Ctx() ctx: RequestContext, @Parent() unit: OrgUnitEntity) {
    return this.orgService.loadChildren(ctx, unit);
  }
}
