import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from 'src/auth/auth.module';
import { EventsModule } from 'src/events/events.module';
import { OrgModule } from 'src/org/org.module';
import { EventQuizQuestionEntity } from './event-quiz-question.entity';
import { FeedbackAnswerEntity } from './feedback-answer.entity';
import { FeedbackOutcomesRepository } from './feedback-outcomes.repository';
import { FeedbackLinkService } from './feedback-link.service';
import { FeedbackLinkSigner } from './feedback-link.signer';
import { FeedbackSubmissionEntity } from './feedback-submission.entity';
import { FeedbackRepository } from './feedback.repository';
import { FeedbackResolver } from './feedback.resolver';
import { FeedbackRetention } from './feedback-retention';
import { FeedbackService } from './feedback.service';
import { QuizQuestionEntity } from './quiz-question.entity';
import { EventQuizResolver, QuizResolver } from './quiz.resolver';
import { QuizService } from './quiz.service';

/**
 * Post-event feedback: the question bank, event quizzes, feedback links and the
 * public submissions. Exports the per-event feedback sums, for the event-summary email.
 */
@Module({
  imports: [TypeOrmModule.forFeature([QuizQuestionEntity, EventQuizQuestionEntity, FeedbackSubmissionEntity, FeedbackAnswerEntity]), OrgModule, AuthModule, EventsModule],
  providers: [FeedbackRepository, FeedbackOutcomesRepository, QuizService, FeedbackLinkSigner, FeedbackLinkService, FeedbackService, FeedbackRetention, QuizResolver, EventQuizResolver, FeedbackResolver],
  exports: [FeedbackOutcomesRepository],
})
export class FeedbackModule {}
