import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, ValidationError, ValidationTypes } from 'class-validator';
import { BadInputError } from './errors';

/** Nest GraphQL's numeric param type for @Args (GqlParamtype.ARGS). */
const GRAPHQL_ARGS = 3;

/**
 * Runs the class-validator rules of every `*.input.ts` / `*.args.ts` class and
 * answers BAD_USER_INPUT naming each offending path (`input.email`,
 * `input.targets.0.goal`), so a client can point at the field.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only arguments a client sends: GraphQL @Args (param type 3) and HTTP bodies/queries, never @Parent objects.
    const fromClient = (metadata.type as unknown) === GRAPHQL_ARGS || metadata.type === 'body' || metadata.type === 'query';
    if (!fromClient) return value;
    // @Args() without a name spreads its fields at the top level; @Args('input') nests them.
    const prefix = typeof metadata.data === 'string' ? metadata.data : '';
    const broken = illFormedText(value, prefix);
    if (broken !== null) throw new BadInputError(`${broken || 'The input'} is not valid Unicode text.`, [broken]);
    const type = metadata.metatype;
    if (!type || !isValidatedClass(type) || !hasRules(type) || value === null || value === undefined || typeof value !== 'object') return value;
    const instance = plainToInstance(type, value);
    const errors = await validate(instance as object, { whitelist: true, forbidUnknownValues: false });
    if (errors.length === 0) return instance;
    const problems = flatten(errors, prefix);
    throw new BadInputError(problems.map((p) => p.message).join(' '), [...new Set(problems.map((p) => p.path))]);
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The path of the first string holding a lone UTF-16 surrogate (JSON variables can
 * carry one; GraphQL literals cannot), or null. Such text cannot be stored or
 * encoded, and some validators (isEmail) throw on it instead of failing.
 */
function illFormedText(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = illFormedText(item, path ? `${path}.${key}` : key, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

const ruled = new WeakMap<object, boolean>();

/**
 * Whether the class declares any rule besides `@Allow()`. Classes whose rules live in
 * their service (CheckInInput: a bad sync item rejects only itself) skip class-validator,
 * which would only copy the object on the check-in path. Known once per class.
 */
function hasRules(type: new () => object): boolean {
  let known = ruled.get(type);
  if (known === undefined) {
    known = getMetadataStorage()
      .getTargetValidationMetadatas(type, '', true, false)
      .some((rule) => rule.type !== ValidationTypes.WHITELIST);
    ruled.set(type, known);
  }
  return known;
}

function isValidatedClass(type: unknown): type is new () => object {
  return typeof type === 'function' && ![String, Boolean, Number, Array, Object, Date].includes(type as never);
}

function flatten(errors: ValidationError[], prefix: string): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ path, message: `${path}: ${message}.` });
    out.push(...flatten(error.children ?? [], path));
  }
  return out;
}
