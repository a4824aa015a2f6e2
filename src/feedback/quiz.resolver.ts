import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from 'src/common/request-context';
import { EventEntity } from 'src/events/event.entity';
import { QuizQuestionsArgs } from './dto/quiz-questions.args';
import { SetEventQuizArgs } from './dto/set-event-quiz.args';
import { QuizQuestionEntity } from './quiz-question.entity';
import { QuizService } from './quiz.service';

@Resolver(() => QuizQuestionEntity)
export class QuizResolver {
  constructor(private readonly quiz: QuizService) {}

  @Query(() => [QuizQuestionEntity])
  quizQuestions(@Ctx() ctx: RequestContext, @Args() args: QuizQuestionsArgs) {
    return this.quiz.questions(ctx, args.topic ?? null);
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
