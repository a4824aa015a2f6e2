import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FeedbackSubmissionEntity } from './feedback-submission.entity';
import { QuizQuestionEntity } from './quiz-question.entity';

/** One answer of a submission; `correct` is decided when it is stored, so a later edit of the bank changes no past result. */
@Entity('feedback_answer')
@Index('IDX_feedback_answer_question', ['questionId'])
export class FeedbackAnswerEntity {
  @PrimaryColumn({ name: 'submission_id', type: 'varchar', length: 36 })
  submissionId: string;

  @PrimaryColumn({ name: 'question_id', type: 'varchar', length: 36 })
  questionId: string;

  /** 0-based index of the option chosen. */
  @Column({ type: 'int' })
  choice: number;

  @Column({ type: 'boolean' })
  correct: boolean;

  @ManyToOne(() => FeedbackSubmissionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'submission_id' })
  submission?: FeedbackSubmissionEntity;

  @ManyToOne(() => QuizQuestionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'question_id' })
  question?: QuizQuestionEntity;
}
