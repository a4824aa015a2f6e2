import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EventEntity } from 'src/events/event.entity';
import { QuizQuestionEntity } from './quiz-question.entity';

/** One question of an event's quiz (3 to 5 per event), at `position` 1..5. */
@Entity('event_quiz_question')
@Index('UQ_event_quiz_question_position', ['eventId', 'position'], { unique: true })
export class EventQuizQuestionEntity {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 36 })
  eventId: string;

  @PrimaryColumn({ name: 'question_id', type: 'varchar', length: 36 })
  questionId: string;

  @Column({ type: 'int' })
  position: number;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: EventEntity;

  @ManyToOne(() => QuizQuestionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'question_id' })
  question?: QuizQuestionEntity;
}
