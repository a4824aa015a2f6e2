import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import type { FastifyRequest as Request } from 'fastify';

/** The roles of the contract. Listed here because the scope rules of every domain read them. */
export enum Role {
  ADMIN = 'ADMIN',
  HEAD_OFFICE_ANALYST = 'HEAD_OFFICE_ANALYST',
  BRANCH_MANAGER = 'BRANCH_MANAGER',
  OUTREACH_STAFF = 'OUTREACH_STAFF',
  VOLUNTEER = 'VOLUNTEER',
}

/** Who is asking, as proven by the bearer token. */
export interface Principal {
  userId: string;
  role: Role;
  /** The caller acts on this unit's subtree. */
  orgUnitId: string;
  /** Set for a session opened through a check-in link: it may act on this one event only. */
  eventId?: string;
}

/** Passed as the first argument to every service method that checks rules. */
export interface RequestContext {
  principal?: Principal;
  /** Why a bearer token was refused; reported when something needs the caller, not before. */
  authError?: Error;
  /** The client's address, as Fastify sees it (honours TRUST_PROXY). */
  clientIp: string;
  req?: Request;
  /** Per-request DataLoaders, so a page of N items costs a fixed number of queries. */
  loaders: Map<string, DataLoader<unknown, unknown>>;
}

/** The request's loader under `key`, created on first use. */
export function loader<K, V>(ctx: RequestContext, key: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
  let existing = ctx.loaders.get(key) as DataLoader<K, V> | undefined;
  if (!existing) {
    existing = create();
    ctx.loaders.set(key, existing as DataLoader<unknown, unknown>);
  }
  return existing;
}

/** Orders rows to match `keys` for a DataLoader batch function. */
export function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

/** Groups rows under `keys` for a one-to-many DataLoader batch function. */
export function groupByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return keys.map((key) => map.get(key) ?? []);
}

export function requestContextFromHttp(req: Request): RequestContext {
  const existing = (req as Request & { finreachContext?: RequestContext }).finreachContext;
  if (existing) return existing;
  const context: RequestContext = { clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown', req, loaders: new Map() };
  (req as Request & { finreachContext?: RequestContext }).finreachContext = context;
  return context;
}

/** The HTTP request behind a GraphQL resolver call or an HTTP handler. */
export function requestOf(execution: ExecutionContext): Request {
  return execution.getType<string>() === 'graphql'
    ? GqlExecutionContext.create(execution).getContext<{ req: Request }>().req
    : execution.switchToHttp().getRequest<Request>();
}

/** Resolver parameter decorator: `@Ctx() ctx: RequestContext`. */
export const Ctx = createParamDecorator((_data: unknown, execution: ExecutionContext): RequestContext => requestContextFromHttp(requestOf(execution)));
