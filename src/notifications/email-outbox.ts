import { Injectable, Logger } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock } from 'src/common/clock';
import { BadInputError, ForbiddenError, UnauthenticatedError } from 'src/common/errors';
import { ConnectionShape, decodeCursor, encodeCursor } from 'src/common/pagination';
import { RequestContext, Role } from 'src/common/request-context';
import { isUniqueViolation } from 'src/database/db-errors';
import { EmailOutboxArgs } from './dto/email-outbox.args';
import { emailLocaleOf, EmailRequest, EmailTemplate } from './email-models';
import { EmailOutboxEntity, EmailStatus } from './email-outbox.entity';
import { EmailOutboxRepository } from './email-outbox.repository';
import { EmailRenderer } from './email-renderer';

/**
 * Why mail to `address` can never arrive, or null when it may. Addresses under
 * the reserved `.invalid` top-level domain (RFC 2606), such as those of
 * volunteers who joined by a check-in link, never receive mail.
 */
export function unusableAddressReason(address: string | null | undefined): string | null {
  const trimmed = address?.trim().toLowerCase() ?? '';
  if (!trimmed) return 'The recipient has no email address; not sent.';
  if (trimmed.endsWith('.invalid')) return `${trimmed} cannot receive mail (reserved .invalid domain); not sent.`;
  if (!isEmail(trimmed)) return `"${trimmed}" is not an email address; not sent.`;
  return null;
}

/**
 * The low-level email outbox every domain writes to. It imports no domain:
 * callers pass plain view models (EmailModels) and the EntityManager of their
 * own transaction, so the email commits or rolls back with the change that causes it.
 */
@Injectable()
export class EmailOutbox {
  private readonly logger = new Logger(EmailOutbox.name);

  constructor(
    private readonly outbox: EmailOutboxRepository,
    private readonly renderer: EmailRenderer,
    private readonly clock: Clock,
  ) {}

  /**
   * Writes one email in `manager`'s transaction, to be sent after commit. A
   * recipient without a usable address gets a FAILED row with 0 attempts saying
   * why, so the skip is on record; so does an email that cannot be rendered
   * (the change that causes it still goes through). A dedupeKey written before: nothing, null.
   */
  async enqueue<T extends EmailTemplate>(manager: EntityManager, request: EmailRequest<T>): Promise<EmailOutboxEntity | null> {
    const { to } = request;
    // Rendered now for the subject on record, and so a model the template cannot show is known at once.
    let subject: string = request.template;
    let problem = unusableAddressReason(to.email);
    try {
      subject = this.renderer.render(request.template, to, request.model).subject;
    } catch (error) {
      this.logger.error(`${request.template} for ${to.email} cannot be rendered: ${(error as Error).message}`);
      problem ??= `Could not render: ${(error as Error).message}`.slice(0, 1000);
    }
    const now = this.clock.now();
    const row = Object.assign(new EmailOutboxEntity(), {
      id: randomUUID(),
      template: request.template,
      locale: emailLocaleOf(to.locale),
      recipient: to.email.trim().toLowerCase().slice(0, 254),
      recipientName: to.name.slice(0, 100),
      userId: to.userId ?? null,
      subject: subject.slice(0, 300),
      model: request.model,
      dedupeKey: request.dedupeKey ?? null,
      status: problem ? EmailStatus.FAILED : EmailStatus.PENDING,
      attempts: 0,
      nextAttemptAt: now,
      lastError: problem,
      claimedBy: null,
      leaseUntil: null,
      createdAt: now,
      sentAt: null,
    });
    try {
      await this.outbox.insert(manager, row);
    } catch (error) {
      if (request.dedupeKey && isUniqueViolation(error)) return null;
      throw error;
    }
    return row;
  }

  /** `enqueue` for each request, in order; returns the rows written (duplicates left out). */
  async enqueueAll(manager: EntityManager, requests: EmailRequest[]): Promise<EmailOutboxEntity[]> {
    const written: EmailOutboxEntity[] = [];
    for (const request of requests) {
      const row = await this.enqueue(manager, request);
      if (row) written.push(row);
    }
    return written;
  }

  /** The dedupe keys among `keys` that are written already, so a job can skip work for them. */
  existingKeys(keys: string[]): Promise<Set<string>> {
    return this.outbox.existingKeys(keys);
  }

  /** ADMIN only: every email of the outbox, newest first, optionally of some statuses. */
  async list(ctx: RequestContext, args: EmailOutboxArgs): Promise<ConnectionShape<EmailOutboxEntity>> {
    if (!ctx.principal) throw ctx.authError ?? new UnauthenticatedError();
    if (ctx.principal.role !== Role.ADMIN) throw new ForbiddenError('Only administrators may read the email outbox.');
    let after: { createdAt: Date; id: string } | undefined;
    if (args.after) {
      const [createdAt, id] = decodeCursor(args.after, 2);
      after = { createdAt: new Date(String(createdAt)), id: String(id) };
      if (Number.isNaN(after.createdAt.getTime())) throw new BadInputError('The cursor in "after" is not one this API gave out.', ['after']);
    }
    const { rows, totalCount } = await this.outbox.page(args.status, args.first, after);
    const nodes = rows.slice(0, args.first);
    const last = nodes[nodes.length - 1];
    return {
      nodes,
      totalCount,
      pageInfo: { hasNextPage: rows.length > args.first, endCursor: last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null },
    };
  }
}
