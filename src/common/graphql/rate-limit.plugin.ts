import { createHash } from 'node:crypto';
import { ApolloServerPlugin, HeaderMap } from '@apollo/server';
import type { FastifyRequest as Request } from 'fastify';
import { DocumentNode, FragmentDefinitionNode, GraphQLError, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { RateLimitedError } from 'src/common/errors';
import { RateLimiter } from 'src/common/rate-limit';
import type { AppConfig } from 'src/config/app-config';

interface Rule {
  /** Root mutation fields the rule counts; each occurrence (alias) is one call. */
  fields: ReadonlySet<string>;
  /** Whose bucket: null when the rule does not apply to this request. */
  keyOf: (req: Request) => string | null;
  limiter: RateLimiter;
  message: string;
}

/**
 * Per-client limits on the calls a runaway client repeats: syncCheckIns per
 * session (bearer token) and per address, login and joinEvent per address.
 * Checked once the operation is known and before anything runs; a refusal is
 * RATE_LIMITED with `retryAfter` (seconds), HTTP 429 and a Retry-After header.
 * Kept in process memory on purpose: no database work is added to any request.
 */
export function rateLimitPlugin(config: AppConfig): ApolloServerPlugin<{ req: Request }> {
  const rules: Rule[] = [];
  if (config.syncRateLimit > 0) {
    const sync = new Set(['syncCheckIns']);
    rules.push(
      { fields: sync, keyOf: sessionKey, limiter: new RateLimiter(config.syncRateLimit), message: 'Too many syncCheckIns calls from this session; wait and try again.' },
      { fields: sync, keyOf: addressKey, limiter: new RateLimiter(10 * config.syncRateLimit), message: 'Too many syncCheckIns calls from this address; wait and try again.' },
    );
  }
  if (config.loginRateLimit > 0) {
    rules.push({
      fields: new Set(['login', 'joinEvent']),
      keyOf: addressKey,
      limiter: new RateLimiter(config.loginRateLimit),
      message: 'Too many sign-in attempts from this address; wait and try again.',
    });
  }
  return {
    async requestDidStart() {
      if (rules.length === 0) return;
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (!operation || operation.operation !== 'mutation') return;
          const calls = rootFieldCalls(operation, document);
          for (const rule of rules) {
            let count = 0;
            for (const [name, n] of calls) if (rule.fields.has(name)) count += n;
            if (count === 0) continue;
            const key = rule.keyOf(contextValue.req);
            if (key === null) continue;
            const wait = rule.limiter.take(key, count);
            if (wait > 0) throw rateLimited(rule.message, wait);
          }
        },
      };
    },
  };
}

function rateLimited(message: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, {
    originalError: new RateLimitedError(message, retryAfterSeconds),
    extensions: { code: 'RATE_LIMITED', http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) } },
  });
}

/** The bearer token, hashed so that a huge or forged token costs no more memory than a real one. */
function sessionKey(req: Request): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match ? createHash('sha256').update(match[1]).digest('base64url') : null;
}

function addressKey(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** Root field name -> occurrences, through fragments (each fragment counted where it is spread, cycles ignored). */
function rootFieldCalls(operation: OperationDefinitionNode, document: DocumentNode): Map<string, number> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const calls = new Map<string, number>();
  const visit = (set: SelectionSetNode, seen: ReadonlySet<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) calls.set(selection.name.value, (calls.get(selection.name.value) ?? 0) + 1);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, seen);
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) visit(fragment.selectionSet, new Set([...seen, fragment.name.value]));
      }
    }
  };
  visit(operation.selectionSet, new Set());
  return calls;
}
