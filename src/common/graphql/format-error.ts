import { Logger } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { DomainError } from 'src/common/errors';
import { isConnectionError, logDatabaseUnavailable } from 'src/database/db-errors';
import { TOO_COMPLEX } from './complexity.rule';

const logger = new Logger('GraphQL');

/** Codes GraphQL itself raises for a request that is malformed in one way or another. */
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST']);

/**
 * Maps every error onto the contract: domain errors keep their code and
 * extensions; GraphQL's own request errors become BAD_USER_INPUT; anything
 * unexpected is logged and answered as INTERNAL_SERVER_ERROR with no detail.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown, opts: { hideSuggestions: boolean }): GraphQLFormattedError {
  const base = { locations: formatted.locations, path: formatted.path };
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const domain = findDomainError(error);
  if (domain) {
    return { ...base, message: domain.message, extensions: { code: domain.code, ...domain.extensions() } };
  }
  const code = formatted.extensions?.code;
  // Apollo re-codes every validation error as GRAPHQL_VALIDATION_FAILED; the complexity rule's own code survives on the original.
  if (code === TOO_COMPLEX || (original instanceof GraphQLError && original.extensions?.code === TOO_COMPLEX)) {
    return { ...base, message: formatted.message, extensions: { code: 'QUERY_TOO_COMPLEX' } };
  }
  // graphql's parser stops at maxTokens (graphql-options.ts): a document that long is refused as too complex.
  if (code === 'GRAPHQL_PARSE_FAILED' && /Document contains more th\w+ \d+ tokens/.test(formatted.message)) {
    return { ...base, message: 'The query is too long; send a shorter document.', extensions: { code: 'QUERY_TOO_COMPLEX' } };
  }
  // Apollo's own request errors (validation, parsing, variable coercion) have no resolver cause.
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code) && (!original || original instanceof GraphQLError)) {
    const message = opts.hideSuggestions ? stripSuggestions(formatted.message) : formatted.message;
    return { ...base, message, extensions: { code: 'BAD_USER_INPUT', fields: inputPaths(formatted.message) } };
  }
  if (code === 'PERSISTED_QUERY_NOT_FOUND' || code === 'PERSISTED_QUERY_NOT_SUPPORTED' || code === 'OPERATION_RESOLUTION_FAILURE') {
    return { ...base, message: formatted.message, extensions: { code: 'BAD_USER_INPUT', fields: [] } };
  }
  if (isConnectionError(original)) logDatabaseUnavailable(logger, original);
  else logger.error(original ?? error);
  return { ...base, message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function findDomainError(error: unknown): DomainError | undefined {
  let current: unknown = error;
  for (let i = 0; i < 5 && current; i++) {
    if (current instanceof DomainError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/** `Variable "$input" got invalid value "X" at "input.role"; ...` -> ["input.role"]. */
function inputPaths(message: string): string[] {
  const at = /got invalid value .*? at "([^"]+)"/.exec(message);
  if (at) return [at[1]];
  const variable = /Variable "\$([A-Za-z_][A-Za-z0-9_]*)"/.exec(message);
  if (variable) return [variable[1]];
  const argument = /[Aa]rgument "([A-Za-z_][A-Za-z0-9_.]*)"/.exec(message);
  if (argument) return [argument[1]];
  return [];
}

function stripSuggestions(message: string): string {
  return message.replace(/\s*Did you mean .*\?$/s, '');
}
