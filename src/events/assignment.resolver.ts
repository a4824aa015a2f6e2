import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { UserEntity } from 'src/auth/user.entity';
import { UserService } from 'src/auth/user.service';
import { Ctx, RequestContext } from 'src/common/request-context';
import { AssignmentService } from './assignment.service';
import { AssignToEventArgs, UnassignFromEventArgs } from './dto/event-args';
import { EventAssignmentEntity } from './event-assignment.entity';
import { EventEntity } from './event.entity';

@Resolver(() => EventAssignmentEntity)
export class AssignmentResolver {
  constructor(
    private readonly assignments: AssignmentService,
    private readonly users: UserService,
  ) {}

  @Mutation(() => EventEntity)
  assignToEvent(@Ctx() ctx: RequestContext, @Args() args: AssignToEventArgs) {
    return this.assignments.assign(ctx, args.eventId, args.userId, args.role);
  }

  @Mutation(() => EventEntity)
  unassignFromEvent(@Ctx() ctx: RequestContext, @Args() args: UnassignFromEventArgs) {
    return this.assignments.unassign(ctx, args.eventId, args.userId);
  }

  @ResolveField(() => UserEntity)
  user(@Ctx() ctx: RequestContext, @Parent() assignment: EventAssignmentEntity) {
    return this.users.loadById(ctx, assignment.userId);
  }
}
