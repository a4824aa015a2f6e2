import { Args, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from 'src/common/request-context';
import { EmailOutboxArgs, OutboxEmailConnection } from './dto/email-outbox.args';
import { EmailOutbox } from './email-outbox';
import { EmailOutboxEntity } from './email-outbox.entity';

@Resolver(() => EmailOutboxEntity)
export class EmailOutboxResolver {
  constructor(private readonly outbox: EmailOutbox) {}

  @Query(() => OutboxEmailConnection, { description: 'Every email written to the outbox, newest first, optionally of some statuses (ADMIN).' })
  emailOutbox(@Ctx() ctx: RequestContext, @Args() args: EmailOutboxArgs) {
    return this.outbox.list(ctx, args);
  }
}
