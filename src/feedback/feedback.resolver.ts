import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from 'src/common/request-context';
import { CreateFeedbackLinkArgs } from './dto/create-feedback-link.args';
import { FeedbackForm } from './dto/feedback-form.model';
import { FeedbackLink } from './dto/feedback-link.model';
import { FeedbackResult } from './dto/feedback-result.model';
import { FeedbackTokenArgs, SubmitFeedbackInput } from './dto/submit-feedback.input';
import { FeedbackLinkService } from './feedback-link.service';
import { FeedbackService } from './feedback.service';

@Resolver()
export class FeedbackResolver {
  constructor(
    private readonly links: FeedbackLinkService,
    private readonly feedback: FeedbackService,
  ) {}

  @Mutation(() => FeedbackLink)
  createFeedbackLink(@Ctx() ctx: RequestContext, @Args() args: CreateFeedbackLinkArgs) {
    return this.links.create(ctx, args.eventId, args.phase);
  }

  /** Public: the signed token is the permission. */
  @Query(() => FeedbackForm)
  feedbackForm(@Args() args: FeedbackTokenArgs) {
    return this.feedback.form(args.token);
  }

  /** Public: the signed token is the permission. */
  @Mutation(() => FeedbackResult)
  submitFeedback(@Ctx() ctx: RequestContext, @Args() args: FeedbackTokenArgs, @Args('input') input: SubmitFeedbackInput) {
    return this.feedback.submit(ctx, args.token, input);
  }
}
