import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, changedFields, newFields } from 'src/audit/audit-log';
import { Clock } from 'src/common/clock';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from 'src/common/errors';
import { groupByKey, loader, RequestContext } from 'src/common/request-context';
import { forUpdate, lockingTransaction } from 'src/database/locking';
import { EventStatus } from 'src/events/event.enums';
import { EventEntity } from 'src/events/event.entity';
import { EventRepository } from 'src/events/event.repository';
import { EventService } from 'src/events/event.service';
import { AccessPolicy, Capability } from 'src/org/access-policy';
import { OrgRepository } from 'src/org/org.repository';
import { CreateQuizQuestionInput } from './dto/create-quiz-question.input';
import { UpdateQuizQuestionInput } from './dto/update-quiz-question.input';
import { FeedbackAnswerEntity } from './feedback-answer.entity';
import { QUIZ_TOPICS } from './feedback.enums';
import { FeedbackConflictError } from './feedback.errors';
import { FeedbackRepository, QuizItem } from './feedback.repository';
import { QuizQuestionEntity } from './quiz-question.entity';

/** What a question says: the fields the bank's keepers write. */
type QuestionContent = Pick<QuizQuestionEntity, 'topic' | 'text' | 'options' | 'correctOption' | 'textEn' | 'optionsEn'>;

const CONTENT_FIELDS: readonly (keyof QuestionContent)[] = ['topic', 'text', 'options', 'correctOption', 'textEn', 'optionsEn'];

/** Fixed by the first answer: answers store the index of the option chosen, and whether it was right. */
const ANSWER_FIELDS: readonly (keyof QuestionContent)[] = ['options', 'correctOption'];

const topicOrder = new Intl.Collator('zh-CN');

@Injectable()
export class QuizService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: FeedbackRepository,
    private readonly events: EventService,
    private readonly eventRepository: EventRepository,
    private readonly access: AccessPolicy,
    private readonly orgs: OrgRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /**
   * The question bank's questions (of one topic, or all) by topic, for anyone
   * logged in: the active ones, or with `includeInactive` the deactivated ones too.
   */
  async questions(ctx: RequestContext, topic: string | null, includeInactive = false): Promise<QuizQuestionEntity[]> {
    this.access.principal(ctx);
    const wanted = topic?.trim() || null;
    if (!includeInactive) return this.repository.activeQuestions(wanted);
    return this.dataSource.getRepository(QuizQuestionEntity).find({ where: wanted === null ? {} : { topic: wanted }, order: { topic: 'ASC', id: 'ASC' } });
  }

  /** The topics that have active questions, for anyone logged in: those of QUIZ_TOPICS first, in that order, then the others by name. */
  async topics(ctx: RequestContext): Promise<string[]> {
    this.access.principal(ctx);
    const rows: { topic: string }[] = await this.dataSource
      .getRepository(QuizQuestionEntity)
      .createQueryBuilder('q')
      .select('DISTINCT q.topic', 'topic')
      .where({ active: true })
      .getRawMany();
    const found = new Set(rows.map((row) => row.topic));
    const standard: string[] = QUIZ_TOPICS.filter((topic) => found.has(topic));
    const others = [...found].filter((topic) => !standard.includes(topic)).sort(topicOrder.compare);
    return [...standard, ...others];
  }

  /**
   * Adds an active question to the bank. The bank serves the whole bank, so
   * head office keeps it (see `requireBankKeeper`).
   */
  async createQuestion(ctx: RequestContext, input: CreateQuizQuestionInput): Promise<QuizQuestionEntity> {
    const root = await this.requireBankKeeper(ctx);
    const content = checkedContent({ ...input, textEn: input.textEn ?? null, optionsEn: input.optionsEn ?? null });
    const question = Object.assign(new QuizQuestionEntity(), { id: randomUUID(), ...content, active: true, createdAt: this.clock.now() });
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(QuizQuestionEntity, question);
      await this.audit.record(manager, ctx, {
        action: 'quiz_question.create',
        entityType: 'quiz_question',
        entityId: question.id,
        orgUnitId: root,
        changes: newFields(question, [...CONTENT_FIELDS, 'active']),
      });
    });
    return question;
  }

  /**
   * Changes a question of the bank (head office only). Its wording may always
   * change, and shows in every quiz that uses it; its options and correct
   * answer only until someone has answered it (CONFLICT QUESTION_ANSWERED):
   * past answers point at them. The question's row lock orders this against
   * a submission storing an answer to it (the answer's foreign key waits on it).
   */
  async updateQuestion(ctx: RequestContext, id: string, input: UpdateQuizQuestionInput): Promise<QuizQuestionEntity> {
    const root = await this.requireBankKeeper(ctx);
    return lockingTransaction(this.dataSource, async (manager) => {
      const question = await this.lockQuestion(manager, id);
      const before: QuestionContent = { ...question };
      const after = checkedContent({
        topic: input.topic ?? question.topic,
        text: input.text ?? question.text,
        options: input.options ?? question.options,
        correctOption: input.correctOption ?? question.correctOption,
        textEn: input.textEn === undefined ? question.textEn : input.textEn,
        optionsEn: input.optionsEn === undefined ? question.optionsEn : input.optionsEn,
      });
      const changes = changedFields(before, after, CONTENT_FIELDS);
      if (Object.keys(changes).length === 0) return question;
      if (ANSWER_FIELDS.some((field) => field in changes) && (await this.isAnswered(manager, question.id))) {
        throw new FeedbackConflictError(
          'QUESTION_ANSWERED',
          'Attendees have already answered this question, so its options and correct answer can no longer change. Deactivate it and create a new question instead; its wording may still be corrected.',
        );
      }
      await manager.update(QuizQuestionEntity, { id: question.id }, after);
      await this.audit.record(manager, ctx, { action: 'quiz_question.update', entityType: 'quiz_question', entityId: question.id, orgUnitId: root, changes });
      return Object.assign(question, after);
    });
  }

  /**
   * Activates or deactivates a question (head office only). A deactivated
   * question cannot go into a new quiz but stays in the quizzes that have it.
   */
  async setQuestionActive(ctx: RequestContext, id: string, active: boolean): Promise<QuizQuestionEntity> {
    const root = await this.requireBankKeeper(ctx);
    return lockingTransaction(this.dataSource, async (manager) => {
      const question = await this.lockQuestion(manager, id);
      if (question.active === active) return question;
      await manager.update(QuizQuestionEntity, { id: question.id }, { active });
      await this.audit.record(manager, ctx, {
        action: active ? 'quiz_question.activate' : 'quiz_question.deactivate',
        entityType: 'quiz_question',
        entityId: question.id,
        orgUnitId: root,
        changes: { active: [question.active, active] },
      });
      return Object.assign(question, { active });
    });
  }

  /**
   * Sets the quiz of an event the caller manages to 3–5 distinct active
   * questions, in the order given. Not for a completed or cancelled event
   * (CONFLICT EVENT_CLOSED), nor once anyone has answered it (CONFLICT
   * QUIZ_ANSWERED), so every answer of an event is to the same questions.
   */
  async setEventQuiz(ctx: RequestContext, eventId: string, questionIds: string[]): Promise<EventEntity> {
    await this.events.requireManageable(ctx, eventId);
    return lockingTransaction(this.dataSource, async (manager) => {
      // The event's row lock orders this against submissions (FeedbackService.submit takes it too).
      const event = await this.eventRepository.lockById(manager, eventId);
      if (!event) throw this.events.unknownEvent(ctx, eventId);
      if (event.status === EventStatus.COMPLETED || event.status === EventStatus.CANCELLED) {
        throw new ConflictError('EVENT_CLOSED', `This event is ${event.status.toLowerCase()}; its quiz can no longer change.`);
      }
      if (await this.repository.hasSubmissions(manager, event.id)) {
        throw new FeedbackConflictError('QUIZ_ANSWERED', 'Attendees have already answered this event\'s quiz; its questions can no longer change.');
      }
      const found = new Map((await this.repository.findQuestions(manager, questionIds)).map((q) => [q.id, q]));
      questionIds.forEach((id, i) => {
        const question = found.get(id);
        if (!question) throw new BadInputError(`Unknown question ${id}.`, [`questionIds.${i}`]);
        if (!question.active) throw new BadInputError(`Question ${id} is retired; choose an active one.`, [`questionIds.${i}`]);
      });
      const before = (await this.repository.quizzesOf([event.id], manager)).map((item) => item.question.id);
      await this.repository.replaceQuiz(manager, event.id, questionIds);
      await this.audit.record(manager, ctx, {
        action: 'event.set_quiz',
        entityType: 'event',
        entityId: event.id,
        orgUnitId: event.orgUnitId,
        changes: { quiz: [before.length ? before : null, questionIds] },
      });
      return event;
    });
  }

  /**
   * The question bank serves the whole bank, so head office keeps it, as it
   * keeps the materials catalogue: callers who manage events at the head office
   * itself, i.e. ADMIN and branch-manager or outreach-staff accounts placed at
   * the head office (its consumer-protection team). HEAD_OFFICE_ANALYST reads
   * everything and writes nothing; branches use the bank but do not change it.
   * Returns the head office's id, the org unit the audit entries belong to.
   */
  private async requireBankKeeper(ctx: RequestContext): Promise<string> {
    const root = await this.orgs.findRoot();
    if (!root || !(await this.access.can(ctx, Capability.MANAGE_EVENTS, root.id))) {
      throw new ForbiddenError('Only head office (ADMIN, or branch managers and outreach staff placed at the head office) keeps the question bank.');
    }
    return root.id;
  }

  private async lockQuestion(manager: EntityManager, id: string): Promise<QuizQuestionEntity> {
    const question = await forUpdate(manager.getRepository(QuizQuestionEntity).createQueryBuilder('q').where('q.id = :id', { id })).getOne();
    if (!question) throw new NotFoundError('Quiz question', id);
    return question;
  }

  private async isAnswered(manager: EntityManager, questionId: string): Promise<boolean> {
    return manager.getRepository(FeedbackAnswerEntity).exists({ where: { questionId } });
  }

  /** Batched quiz of an event the caller already sees, in position order. */
  async loadQuiz(ctx: RequestContext, eventId: string): Promise<QuizItem[]> {
    return loader(ctx, 'feedback.quizByEvent', () => new DataLoader<string, QuizItem[]>(async (ids) => groupByKey(ids, await this.repository.quizzesOf(ids), (item) => item.eventId))).load(eventId);
  }
}

/**
 * A question's content trimmed and checked as a whole (so an update is checked
 * with the stored fields it leaves alone): no blank text, 2–5 distinct answers,
 * the correct answer among them, and an English version either complete (text
 * and as many answers, in the same order) or absent. BAD_USER_INPUT names the
 * input field to fix.
 */
function checkedContent(content: QuestionContent): QuestionContent {
  const topic = notBlank(content.topic, 'input.topic');
  const text = notBlank(content.text, 'input.text');
  const options = checkedOptions(content.options, 'input.options');
  if (content.correctOption >= options.length) {
    throw new BadInputError(`correctOption must be the index of one of the ${options.length} options (0 to ${options.length - 1}).`, ['input.correctOption']);
  }
  const textEn = content.textEn === null ? null : notBlank(content.textEn, 'input.textEn');
  const optionsEn = content.optionsEn === null ? null : checkedOptions(content.optionsEn, 'input.optionsEn');
  if (textEn === null && optionsEn !== null) throw new BadInputError('textEn is missing: an English version needs both textEn and optionsEn.', ['input.textEn']);
  if (textEn !== null && optionsEn === null) throw new BadInputError('optionsEn is missing: an English version needs both textEn and optionsEn.', ['input.optionsEn']);
  if (optionsEn !== null && optionsEn.length !== options.length) {
    throw new BadInputError(`optionsEn must hold as many answers as options (${options.length}), in the same order.`, ['input.optionsEn']);
  }
  return { topic, text, options, correctOption: content.correctOption, textEn, optionsEn };
}

function notBlank(value: string, field: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new BadInputError(`${field.replace('input.', '')} must not be blank.`, [field]);
  return trimmed;
}

function checkedOptions(options: string[], field: string): string[] {
  const trimmed = options.map((option, i) => notBlank(option, `${field}.${i}`));
  const repeated = trimmed.findIndex((option, i) => trimmed.indexOf(option) !== i);
  if (repeated >= 0) throw new BadInputError(`${field.replace('input.', '')} must not repeat an answer ("${trimmed[repeated]}").`, [`${field}.${repeated}`]);
  return trimmed;
}
