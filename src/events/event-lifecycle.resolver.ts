import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from 'src/common/request-context';
import { CompleteEventInput } from './dto/complete-event.input';
import { CancelEventArgs } from './dto/event-args';
import { EventEntity } from './event.entity';
import { EventLifecycleService } from './event-lifecycle.service';

@Resolver(() => EventEntity)
export class EventLifecycleResolver {
  constructor(private readonly lifecycle: EventLifecycleService) {}

  @Mutation(() => EventEntity)
  scheduleEvent(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.lifecycle.schedule(ctx, id);
  }

  @Mutation(() => EventEntity)
  startEvent(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.lifecycle.start(ctx, id);
  }

  @Mutation(() => EventEntity)
  completeEvent(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => CompleteEventInput, nullable: true }) input?: CompleteEventInput,
  ) {
    return this.lifecycle.complete(ctx, id, input ?? {});
  }

  @Mutation(() => EventEntity)
  cancelEvent(@Ctx() ctx: RequestContext, @Args() args: CancelEventArgs) {
    return this.lifecycle.cancel(ctx, args.id, args.reason);
  }
}
