import { IntrinsicException } from '@nestjs/common';

/**
 * Typed domain errors. Services throw these, never HTTP exceptions; the GraphQL
 * error formatter maps them onto the contract's `extensions.code`.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX';

/**
 * Base of every expected failure. Extends Nest's IntrinsicException so Nest does
 * not log a person's bad input or missing permission as a server error with a stack.
 */
export abstract class DomainError extends IntrinsicException {
  abstract readonly code: ErrorCode;

  /** Extra `extensions` entries besides `code`. */
  extensions(): Record<string, unknown> {
    return {};
  }
}

/** Input a person can fix; `fields` are the offending input paths, e.g. `input.email`. */
export class BadInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
  }
  override extensions() {
    return { fields: this.fields };
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'Please log in.') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
  constructor(message = 'You are not allowed to do this.') {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(what: string, id?: string) {
    super(id ? `${what} ${id} was not found.` : `${what} was not found.`);
  }
}

export type ConflictReason =
  | 'DUPLICATE'
  | 'INSUFFICIENT_STOCK'
  | 'INVALID_TRANSITION'
  | 'SCHEDULE_CONFLICT'
  | 'ALREADY_EXISTS'
  | 'ROOT_EXISTS'
  /** The event is completed or cancelled, so its plan, staff and links can no longer change. */
  | 'EVENT_CLOSED'
  /** A per-object cap was reached, e.g. volunteers joining one event by link. */
  | 'LIMIT_REACHED'
  /** The event is not scheduled yet (a DRAFT), so no stock can go to it. */
  | 'EVENT_NOT_OPEN'
  /** More copies reported handed out or returned than were issued to the event and are still outstanding. */
  | 'EXCEEDS_ISSUED';

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
  constructor(
    readonly reason: ConflictReason,
    message: string,
  ) {
    super(message);
  }
  override extensions() {
    return { reason: this.reason };
  }
}

export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
  override extensions() {
    return { retryAfter: this.retryAfterSeconds };
  }
}

export class QueryTooComplexError extends DomainError {
  readonly code = 'QUERY_TOO_COMPLEX';
}
