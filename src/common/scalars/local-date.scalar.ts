import { CustomScalar, Scalar } from '@nestjs/graphql';
import { GraphQLError, Kind, ValueNode } from 'graphql';

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day `YYYY-MM-DD` in APP_TIMEZONE, carried as a string so no time zone can shift it. */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = PATTERN.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** GraphQL `Date`. Use it on a field as `@Field(() => LocalDateScalar)` with a string value. */
@Scalar('Date', () => LocalDateScalar)
export class LocalDateScalar implements CustomScalar<string, string> {
  description = "A calendar day, YYYY-MM-DD, in the bank's time zone (APP_TIMEZONE).";

  parseValue(value: unknown): string {
    if (!isLocalDate(value)) throw new GraphQLError(`Date must be a real day written YYYY-MM-DD, got ${JSON.stringify(value)}.`);
    return value;
  }

  serialize(value: unknown): string {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string' && isLocalDate(value.slice(0, 10))) return value.slice(0, 10);
    throw new GraphQLError('Date cannot represent this value.');
  }

  parseLiteral(ast: ValueNode): string {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string written YYYY-MM-DD.');
    return this.parseValue(ast.value);
  }
}
