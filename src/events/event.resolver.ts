import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CampaignEntity } from 'src/campaigns/campaign.entity';
import { CampaignService } from 'src/campaigns/campaign.service';
import { TargetGroup } from 'src/campaigns/target-group.enum';
import { Connection } from 'src/common/pagination';
import { Ctx, RequestContext } from 'src/common/request-context';
import { OrgUnitEntity } from 'src/org/org-unit.entity';
import { OrgService } from 'src/org/org.service';
import { CreateEventInput } from './dto/create-event.input';
import { MyEventsArgs } from './dto/event-args';
import { EventsArgs } from './dto/events.args';
import { UpdateEventInput } from './dto/update-event.input';
import { EventAssignmentEntity } from './event-assignment.entity';
import { EventEntity } from './event.entity';
import { EventService } from './event.service';

export const EventConnection = Connection(EventEntity, 'Event');

@Resolver(() => EventEntity)
export class EventResolver {
  constructor(
    private readonly eventService: EventService,
    private readonly campaignService: CampaignService,
    private readonly orgService: OrgService,
  ) {}

  @Query(() => EventEntity, { nullable: true })
  event(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.eventService.get(ctx, id);
  }

  @Query(() => EventConnection)
  events(@Ctx() ctx: RequestContext, @Args() args: EventsArgs) {
    return this.eventService.list(ctx, args);
  }

  @Query(() => [EventEntity])
  myEvents(@Ctx() ctx: RequestContext, @Args() args: MyEventsArgs) {
    return this.eventService.myEvents(ctx, args);
  }

  @Mutation(() => EventEntity)
  createEvent(@Ctx() ctx: RequestContext, @Args('input') input: CreateEventInput) {
    return this.eventService.create(ctx, input);
  }

  @Mutation(() => EventEntity)
  updateEvent(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateEventInput) {
    return this.eventService.update(ctx, id, input);
  }

  @ResolveField(() => OrgUnitEntity)
  orgUnit(@Ctx() ctx: RequestContext, @Parent() event: EventEntity) {
    return this.orgService.loadById(ctx, event.orgUnitId);
  }

  @ResolveField(() => CampaignEntity, { nullable: true })
  campaign(@Ctx() ctx: RequestContext, @Parent() event: EventEntity) {
    return event.campaignId ? this.campaignService.loadById(ctx, event.campaignId) : null;
  }

  @ResolveField(() => [TargetGroup])
  targetGroups(@Ctx() ctx: RequestContext, @Parent() event: EventEntity) {
    return this.eventService.loadTargetGroups(ctx, event.id);
  }

  @ResolveField(() => [EventAssignmentEntity])
  assignments(@Ctx() ctx: RequestContext, @Parent() event: EventEntity) {
    return this.eventService.loadAssignments(ctx, event.id);
  }
}
