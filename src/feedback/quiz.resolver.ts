import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from 'src/common/request-context';
import { EventEntity } from 'src/events/event.entity';
import { CreateQuizQuestionInput } from './dto/create-quiz-question.input';
import { QuizQuestionsArgs } from './dto/quiz-questions.args';
import { SetEventQuizArgs } from './dto/set-event-quiz.args';
import { UpdateQuizQuestionInput } from './dto/update-quiz-question.input';
import { QuizQuestionEntity } from './quiz-question.entity';
import { QuizService } from './quiz.service';

/**
 * The question bank and event quizzes. Anyone logged in reads the bank; head
 * office keeps it (ADMIN, and branch managers or outreach staff placed at the
 * head office: QuizService.requireBankKeeper); who manages an event sets its quiz.
 */
@Resolver(() => QuizQuestionEntity)
export class QuizResolver {
  constructor(private readonly quiz: QuizService) {}

  @Query(() => [QuizQuestionEntity])
  quizQuestions(@Ctx() ctx: RequestContext, @Args() args: QuizQuestionsArgs) {
    return this.quiz.questions(ctx, args.topic ?? null, args.includeInactive);
  }

  @Query(() => [String], { description: 'Topics that have active questions: the five standard topics first, then the others by name.' })
  quizTopics(@Ctx() ctx: RequestContext) {
    return this.quiz.topics(ctx);
  }

  @Mutation(() => QuizQuestionEntity, { description: 'Head office only (ADMIN, or branch managers and outreach staff placed at the head office). The new question is active.' })
  createQuizQuestion(@Ctx() ctx: RequestContext, @Args('input') input: CreateQuizQuestionInput) {
    return this.quiz.createQuestion(ctx, input);
  }

  @Mutation(() => QuizQuestionEntity, {
    description:
      'Head office only. Once anyone has answered the question its options and correctOption are fixed (CONFLICT QUESTION_ANSWERED: deactivate it and create a new one); its wording may still change.',
  })
  updateQuizQuestion(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateQuizQuestionInput) {
    return this.quiz.updateQuestion(ctx, id, input);
  }

  @Mutation(() => QuizQuestionEntity, { description: 'Head office only. A deactivated question stays in the quizzes that have it but cannot go into a new one.' })
  setQuizQuestionActive(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('active') active: boolean) {
    return this.quiz.setQuestionActive(ctx, id, active);
  }

  @Mutation(() => EventEntity)
  setEventQuiz(@Ctx() ctx: RequestContext, @Args() args: SetEventQuizArgs) {
    return this.quiz.setEventQuiz(ctx, args.eventId, args.questionIds);
  }
}

/** `Event.quiz`: resolved here, beside the data it reads, so events/ never imports feedback/. */
@Resolver(() => EventEntity)
export class EventQuizResolver {
  constructor(private readonly quizzes: QuizService) {}

  /** The event's quiz questions in order (with their correct answers: staff read this); empty without a quiz. */
  @ResolveField(() => [QuizQuestionEntity])
  async quiz(@Ctx() ctx: RequestContext, @Parent() event: EventEntity) {
    return (await this.quizzes.loadQuiz(ctx, event.id)).map((item) => item.question);
  }
}
