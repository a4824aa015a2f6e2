import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from 'src/common/request-context';
import { MaterialConnection } from './dto/connections';
import { CreateMaterialInput } from './dto/create-material.input';
import { MaterialsArgs } from './dto/materials.args';
import { MaterialEntity } from './material.entity';
import { MaterialService } from './material.service';

@Resolver(() => MaterialEntity)
export class MaterialResolver {
  constructor(private readonly materialService: MaterialService) {}

  @Mutation(() => MaterialEntity)
  createMaterial(@Ctx() ctx: RequestContext, @Args('input') input: CreateMaterialInput) {
    return this.materialService.create(ctx, input);
  }

  /** The catalogue, by code. Not in DESIGN.md's list: clients need it to find material ids. */
  @Query(() => MaterialConnection)
  materials(@Ctx() ctx: RequestContext, @Args() args: MaterialsArgs) {
    return this.materialService.list(ctx, args);
  }
}
