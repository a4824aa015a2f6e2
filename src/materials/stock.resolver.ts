import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { UserEntity } from 'src/auth/user.entity';
import { UserService } from 'src/auth/user.service';
import { Ctx, RequestContext } from 'src/common/request-context';
import { EventEntity } from 'src/events/event.entity';
import { EventService } from 'src/events/event.service';
import { OrgUnitEntity } from 'src/org/org-unit.entity';
import { OrgService } from 'src/org/org.service';
import { StockMovementConnection } from './dto/connections';
import { IssueToEventInput } from './dto/issue-to-event.input';
import { ReceiveStockInput } from './dto/receive-stock.input';
import { RecordDistributionInput } from './dto/record-distribution.input';
import { StockArgs } from './dto/stock.args';
import { StockMovementsArgs } from './dto/stock-movements.args';
import { TransferStockInput } from './dto/transfer-stock.input';
import { WriteOffStockInput } from './dto/write-off-stock.input';
import { MaterialEntity } from './material.entity';
import { MaterialService } from './material.service';
import { StockLevelEntity } from './stock-level.entity';
import { StockMovementEntity } from './stock-movement.entity';
import { StockService } from './stock.service';

@Resolver(() => StockLevelEntity)
export class StockLevelResolver {
  constructor(
    private readonly stockService: StockService,
    private readonly materialService: MaterialService,
    private readonly orgService: OrgService,
  ) {}

  @Mutation(() => StockLevelEntity)
  receiveStock(@Ctx() ctx: RequestContext, @Args('input') input: ReceiveStockInput) {
    return this.stockService.receive(ctx, input);
  }

  @Mutation(() => [StockLevelEntity], { description: 'The sending unit’s level, then the receiving unit’s.' })
  transferStock(@Ctx() ctx: RequestContext, @Args('input') input: TransferStockInput) {
    return this.stockService.transfer(ctx, input);
  }

  @Mutation(() => StockLevelEntity)
  issueToEvent(@Ctx() ctx: RequestContext, @Args('input') input: IssueToEventInput) {
    return this.stockService.issueToEvent(ctx, input);
  }

  @Mutation(() => StockLevelEntity)
  recordDistribution(@Ctx() ctx: RequestContext, @Args('input') input: RecordDistributionInput) {
    return this.stockService.recordDistribution(ctx, input);
  }

  @Mutation(() => StockLevelEntity, { description: 'Takes damaged, outdated or missing copies off a unit’s stock; the note says why.' })
  writeOffStock(@Ctx() ctx: RequestContext, @Args('input') input: WriteOffStockInput) {
    return this.stockService.writeOff(ctx, input);
  }

  @Query(() => [StockLevelEntity])
  stock(@Ctx() ctx: RequestContext, @Args() args: StockArgs) {
    return this.stockService.levels(ctx, args);
  }

  @ResolveField(() => MaterialEntity)
  material(@Ctx() ctx: RequestContext, @Parent() level: StockLevelEntity) {
    return this.materialService.loadById(ctx, level.materialId);
  }

  @ResolveField(() => OrgUnitEntity)
  orgUnit(@Ctx() ctx: RequestContext, @Parent() level: StockLevelEntity) {
    return this.orgService.loadById(ctx, level.orgUnitId);
  }
}

@Resolver(() => StockMovementEntity)
export class StockMovementResolver {
  constructor(
    private readonly stockService: StockService,
    private readonly materialService: MaterialService,
    private readonly orgService: OrgService,
    private readonly eventService: EventService,
    private readonly users: UserService,
  ) {}

  @Query(() => StockMovementConnection)
  stockMovements(@Ctx() ctx: RequestContext, @Args() args: StockMovementsArgs) {
    return this.stockService.movements(ctx, args);
  }

  @ResolveField(() => MaterialEntity)
  material(@Ctx() ctx: RequestContext, @Parent() movement: StockMovementEntity) {
    return this.materialService.loadById(ctx, movement.materialId);
  }

  @ResolveField(() => OrgUnitEntity)
  orgUnit(@Ctx() ctx: RequestContext, @Parent() movement: StockMovementEntity) {
    return this.orgService.loadById(ctx, movement.orgUnitId);
  }

  @ResolveField(() => EventEntity, { nullable: true })
  event(@Ctx() ctx: RequestContext, @Parent() movement: StockMovementEntity) {
    return movement.eventId ? this.eventService.loadById(ctx, movement.eventId) : null;
  }

  @ResolveField(() => OrgUnitEntity, { nullable: true, description: 'For a transfer: the unit the stock went to (TRANSFER_OUT) or came from (TRANSFER_IN).' })
  counterpartOrgUnit(@Ctx() ctx: RequestContext, @Parent() movement: StockMovementEntity) {
    return movement.counterpartOrgUnitId ? this.orgService.loadById(ctx, movement.counterpartOrgUnitId) : null;
  }

  @ResolveField(() => UserEntity)
  createdBy(@Ctx() ctx: RequestContext, @Parent() movement: StockMovementEntity) {
    return this.users.loadById(ctx, movement.createdById);
  }
}

/** `Event.leafletsDistributed` lives here, with the ledger it sums, so events/ never imports materials/. */
@Resolver(() => EventEntity)
export class EventLeafletsResolver {
  constructor(private readonly stockService: StockService) {}

  @ResolveField(() => Int, { description: 'Copies of every printed material recorded as handed out at the event (DISTRIBUTE movements).' })
  leafletsDistributed(@Ctx() ctx: RequestContext, @Parent() event: EventEntity) {
    return this.stockService.loadDistributed(ctx, event.id);
  }
}
