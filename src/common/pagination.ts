import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadInputError } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;

/** `first` and `after` of every connection; the limits are declared here once. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE })
  @IsInt()
  @Min(1, { message: 'first must be at least 1' })
  @Max(MAX_PAGE_SIZE, { message: `first must be at most ${MAX_PAGE_SIZE}` })
  first: number = DEFAULT_PAGE_SIZE;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true })
  endCursor: string | null;

  @Field()
  hasNextPage: boolean;
}

export interface ConnectionShape<T> {
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** `{ nodes, pageInfo, totalCount }` for a node type, named `<Name>Connection`. */
export function Connection<T>(nodeType: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Connection`)
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [nodeType])
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int)
    totalCount: number;
  }
  return ConnectionType;
}

/** Cursors are opaque to clients: base64url of the sort key values of the last node. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, expectedLength: number): (string | number)[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === expectedLength && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return values;
    }
  } catch {
    // fall through
  }
  throw new BadInputError('The cursor in "after" is not one this API gave out.', ['after']);
}

export interface SortKey<T> {
  /** SQL expression, e.g. `e.starts_at`. */
  column: string;
  /** The same value read from a loaded node, as a string or number for the cursor. */
  value: (node: T) => string | number;
  /** Turns a cursor value back into a query parameter (e.g. an ISO string into a Date). */
  parse?: (raw: string | number) => unknown;
}

/**
 * Keyset pagination in ascending order of `keys` (descending with `direction`
 * DESC, for newest-first lists; the last key must be unique, usually the id):
 * stable under inserts, and cheap at any depth.
 */
export async function paginate<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, page: PageArgs, keys: SortKey<T>[], direction: 'ASC' | 'DESC' = 'ASC'): Promise<ConnectionShape<T>> {
  const totalCount = await query.clone().getCount();
  const paged = query.clone();
  const beyond = direction === 'ASC' ? '>' : '<';
  if (page.after) {
    const values = decodeCursor(page.after, keys.length).map((raw, i) => keys[i].parse?.(raw) ?? raw);
    // (a, b) > (x, y) written out, since row-value comparison isn't equally indexed everywhere.
    const clauses = keys.map((_, i) =>
      [...keys.slice(0, i).map((k, j) => `${k.column} = :cursor${j}`), `${keys[i].column} ${beyond} :cursor${i}`].join(' AND '),
    );
    paged.andWhere(`(${clauses.map((c) => `(${c})`).join(' OR ')})`, Object.fromEntries(values.map((v, i) => [`cursor${i}`, v])));
  }
  keys.forEach((k, i) => (i === 0 ? paged.orderBy(k.column, direction) : paged.addOrderBy(k.column, direction)));
  const rows = await paged.take(page.first + 1).getMany();
  const nodes = rows.slice(0, page.first);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    totalCount,
    pageInfo: { hasNextPage: rows.length > page.first, endCursor: last ? encodeCursor(keys.map((k) => k.value(last))) : null },
  };
}
