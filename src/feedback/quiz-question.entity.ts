import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One multiple-choice question of the bank's question bank (staff view: it
 * carries the correct answer; attendees get FeedbackQuestion, which does not).
 * Options are shown in the order stored; `correctOption` is a 0-based index.
 * Shown as given, never filtered on, so JSON lists in text columns are enough.
 */
@ObjectType('QuizQuestion')
@Entity('quiz_question')
@Index('IDX_quiz_question_topic', ['topic', 'active', 'id'])
export class QuizQuestionEntity {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** What it tests, e.g. 防范电信网络诈骗. */
  @Field()
  @Column({ type: 'varchar', length: 100 })
  topic: string;

  /** The question in zh-CN. */
  @Field()
  @Column({ type: 'varchar', length: 500 })
  text: string;

  /** 2 to 5 answers in zh-CN. */
  @Field(() => [String])
  @Column({ type: 'simple-json' })
  options: string[];

  /** 0-based index into `options` (and `optionsEn`). */
  @Field(() => Int)
  @Column({ name: 'correct_option', type: 'int' })
  correctOption: number;

  /** The question in English, where the bank has one. */
  @Field(() => String, { nullable: true })
  @Column({ name: 'text_en', type: 'varchar', length: 500, nullable: true })
  textEn: string | null;

  /** The answers in English, in the same order as `options`; null without an English text. */
  @Field(() => [String], { nullable: true })
  @Column({ name: 'options_en', type: 'simple-json', nullable: true })
  optionsEn: string[] | null;

  /** Retired questions stay (past answers name them) but cannot go into a new quiz. */
  @Field()
  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
