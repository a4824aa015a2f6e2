import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { AuthPayload } from 'src/auth/dto/auth-payload.model';
import { Ctx, RequestContext } from 'src/common/request-context';
import { CheckInLinkService } from './check-in-link.service';
import { CheckInLink } from './dto/check-in-link.model';
import { JoinEventArgs } from './dto/event-args';

@Resolver()
export class CheckInLinkResolver {
  constructor(private readonly links: CheckInLinkService) {}

  @Mutation(() => CheckInLink)
  createCheckInLink(@Ctx() ctx: RequestContext, @Args('eventId', { type: () => ID }) eventId: string) {
    return this.links.create(ctx, eventId);
  }

  @Mutation(() => AuthPayload)
  joinEvent(@Ctx() ctx: RequestContext, @Args() args: JoinEventArgs) {
    return this.links.join(ctx, args.token, args.name);
  }
}
