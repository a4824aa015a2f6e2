import {
  buildSchema,
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';

/** One request to send, exactly as it goes on the wire. */
export interface HostileRequest {
  /** Kind of abuse, for the tallies: wrong-type, null, huge, list, shape, transport, header, … */
  category: string;
  /** What exactly, for a failure message. */
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** The request carries its own Authorization header (or must have none). */
  ownAuth?: boolean;
}

/** Real ids of the running service, so bad values reach past the "not found" checks. */
export interface KnownIds {
  orgUnit: string;
  user: string;
  event: string;
  campaign: string;
  material: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const HUGE = 100_000;
const JSON_HEADERS = { 'Content-Type': 'application/json' };

/**
 * Derives malformed and extreme requests from the schema: for every argument
 * (and every field of every input object under it) of every query and
 * mutation, wrong types, null for non-null, huge strings and lists, unknown
 * fields; for every root field, abusive selections (aliases, repetition, depth,
 * fragments, directives, unknown names); then transport-level abuse (broken
 * JSON, content types, batches, GET mutations, oversized and non-UTF-8 bodies)
 * and odd Authorization headers.
 */
export function hostileRequests(schemaSdl: string, ids: KnownIds): HostileRequest[] {
  const schema = buildSchema(schemaSdl);
  const deriver = new RequestDeriver(schema, ids);
  return [...deriver.argumentAbuse(), ...deriver.selectionAbuse(), ...transportAbuse(), ...headerAbuse()];
}

class RequestDeriver {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly ids: KnownIds,
  ) {}

  private rootFields(): { operation: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[] {
    const query = this.schema.getQueryType();
    const mutation = this.schema.getMutationType();
    return [
      ...Object.values(query?.getFields() ?? {}).map((field) => ({ operation: 'query' as const, field })),
      ...Object.values(mutation?.getFields() ?? {}).map((field) => ({ operation: 'mutation' as const, field })),
    ];
  }

  /** Per leaf of every argument: the argument set stays valid except at that one place. */
  *argumentAbuse(): Generator<HostileRequest> {
    for (const { operation, field } of this.rootFields()) {
      const valid = Object.fromEntries(field.args.map((arg) => [arg.name, this.validValue(arg.type, arg.name)]));
      for (const leaf of this.leaves(field.args, valid)) {
        for (const variant of this.variants(leaf.type, leaf.name)) {
          const args = setAt(valid, leaf.path, variant.value);
          const label = `${field.name} ${leaf.path.join('.')} ${variant.label}`;
          yield post(variant.category, `${label} (variables)`, { query: this.document(operation, field, 'variables'), variables: args });
          if (variant.literal) yield post(variant.category, `${label} (literal)`, { query: this.document(operation, field, 'literal', args) });
        }
      }
      // Unknown argument and unknown input fields.
      yield post('unknown', `${field.name} unknown variable`, { query: this.document(operation, field, 'variables'), variables: { ...valid, bogus: 1 } });
      yield post('unknown', `${field.name} prototype keys`, {
        query: this.document(operation, field, 'variables'),
        variables: JSON.parse(`{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, ${JSON.stringify(valid).slice(1, -1) || '"x": 1'}}`),
      });
    }
  }

  /** Abusive selection sets and documents around each root field. */
  *selectionAbuse(): Generator<HostileRequest> {
    for (const [index, { operation, field }] of this.rootFields().entries()) {
      const valid = Object.fromEntries(field.args.map((arg) => [arg.name, this.validValue(arg.type, arg.name)]));
      const call = `${field.name}${this.argumentLiterals(field.args, valid)}`;
      const selection = this.selection(field.type, 1);
      const type = getNamedType(field.type);
      const op = operation === 'mutation' ? 'mutation ' : 'query ';
      const shapes: [string, string][] = [
        ['valid', `${op}{ ${call} ${selection} }`],
        ['every scalar', `${op}{ ${call} ${this.selection(field.type, 3)} }`],
        ['300 aliases', `${op}{ ${Array.from({ length: 300 }, (_, i) => `a${i}: ${call} ${selection}`).join(' ')} }`],
        ['repeated 200 times', `${op}{ ${Array.from({ length: 200 }, () => `${call} ${selection}`).join(' ')} }`],
        ['deep nesting', `${op}{ ${call} ${this.deepSelection(type, 40)} }`],
        ['unknown field', `${op}{ ${call} { __typename nope } }`],
        ['fragment cycle', `${op}{ ...A } fragment A on ${operation === 'mutation' ? 'Mutation' : 'Query'} { ...B } fragment B on ${operation === 'mutation' ? 'Mutation' : 'Query'} { ...A ${call} ${selection} }`],
        ['exponential fragments', `${op}{ ...F0 } ${exponentialFragments(operation === 'mutation' ? 'Mutation' : 'Query', `${call} ${selection}`, 25)}`],
        ['100 fragments', `${op}{ ${Array.from({ length: 100 }, (_, i) => `...G${i}`).join(' ')} } ${Array.from({ length: 100 }, (_, i) => `fragment G${i} on ${operation === 'mutation' ? 'Mutation' : 'Query'} { ${call} ${selection} }`).join(' ')}`],
        ['unknown argument', `${op}{ ${field.name}(bogus: 1) ${selection} }`],
        ['missing selection', `${op}{ ${call} }`],
        ['selection on a leaf', `${op}{ ${call} { __typename { x } } }`],
        ['bad directive value', `${op}{ ${call} @skip(if: "yes") ${selection} }`],
        ['unknown directive', `${op}{ ${call} @nope ${selection} }`],
        ['repeated directive', `${op}{ ${call} ${'@include(if: true) '.repeat(50)}${selection} }`],
        ['undefined variable', `${op}{ ${field.name}${field.args.length ? `(${field.args[0].name}: $nope)` : ''} ${selection} }`],
        ['two anonymous operations', `${op}{ ${call} ${selection} } ${op}{ ${call} ${selection} }`],
        ['subscription', `subscription { ${call} ${selection} }`],
        ['inline fragment on wrong type', `${op}{ ${call} { ... on Nope { id } } }`],
      ];
      // The first nine around every root field; the rest, which do not depend on the field, around every fourth.
      for (const [label, query] of index % 4 === 0 ? shapes : shapes.slice(0, 9)) yield post('shape', `${field.name} ${label}`, { query });
      if (index % 4 === 0) {
        yield post('shape', `${field.name} missing operationName`, { query: `${op}A { ${call} ${selection} } ${op}B { ${call} ${selection} }`, operationName: 'C' });
        yield post('shape', `${field.name} operationName not a string`, { query: `${op}{ ${call} ${selection} }`, operationName: 42 });
      }
    }
    yield post('shape', 'introspection nested deep', { query: `{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }` });
    yield post('shape', 'introspection of every type', { query: `{ __schema { types { name fields { name args { name type { name } } } } } }` });
  }

  /** A value each argument accepts: real ids where the name says which, something plausible otherwise. */
  private validValue(type: GraphQLInputType, name: string): Json {
    if (isNonNullType(type)) return this.validValue(type.ofType, name);
    if (isListType(type)) return [this.validValue(type.ofType as GraphQLInputType, name)];
    if (isInputObjectType(type)) {
      return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, this.validValue(f.type, f.name)]));
    }
    if (isEnumType(type)) return type.getValues()[0].value as string;
    switch (type.name) {
      case 'ID':
        return this.idFor(name);
      case 'Int':
        return name === 'first' ? 5 : 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return false;
      case 'DateTime':
        return new Date(Date.now() + 3600_000).toISOString();
      case 'Date':
        return new Date().toISOString().slice(0, 10);
      default:
        return name === 'email' ? 'someone@example.com' : name === 'password' ? 'not-the-password-1' : 'hostile';
    }
  }

  private idFor(name: string): string {
    const n = name.toLowerCase();
    if (n.includes('orgunit') || n.includes('parent')) return this.ids.orgUnit;
    if (n.includes('user')) return this.ids.user;
    if (n.includes('campaign')) return this.ids.campaign;
    if (n.includes('material')) return this.ids.material;
    if (n === 'clientid') return '6f1d0b6e-3c1f-4c57-9a52-0e6f4b1c2d3e';
    return this.ids.event;
  }

  /** Every place a value sits under the arguments: the arguments themselves, input fields, the first list item. */
  private leaves(args: readonly GraphQLArgument[], valid: Record<string, Json>): { path: (string | number)[]; type: GraphQLInputType; name: string }[] {
    const out: { path: (string | number)[]; type: GraphQLInputType; name: string }[] = [];
    const walk = (type: GraphQLInputType, path: (string | number)[], name: string, depth: number) => {
      out.push({ path, type, name });
      if (depth > 4) return;
      const inner = isNonNullType(type) ? type.ofType : type;
      if (isListType(inner)) walk(inner.ofType as GraphQLInputType, [...path, 0], name, depth + 1);
      else if (isInputObjectType(inner)) for (const f of Object.values(inner.getFields())) walk(f.type, [...path, f.name], f.name, depth + 1);
    };
    for (const arg of args) if (arg.name in valid) walk(arg.type, [arg.name], arg.name, 0);
    return out;
  }

  /** Bad and extreme values for a place of this type. */
  private variants(type: GraphQLInputType, name: string): { category: string; label: string; value: Json; literal?: boolean }[] {
    const nonNull = isNonNullType(type);
    const inner = (nonNull ? type.ofType : type) as GraphQLInputType;
    // `literal`: also sent written inline in the document, where graphql checks it while parsing and validating.
    const out: { category: string; label: string; value: Json; literal?: boolean }[] = [];
    const wrong = (label: string, value: Json) => out.push({ category: 'wrong-type', label, value, literal: true });
    if (nonNull) out.push({ category: 'null', label: 'null for non-null', value: null, literal: true });
    if (isListType(inner)) {
      const item = this.validValue(inner.ofType as GraphQLInputType, name);
      out.push({ category: 'list', label: '10,000 items', value: Array.from({ length: 10_000 }, () => item) });
      out.push({ category: 'list', label: 'nested 500 deep', value: nested(item, 500) });
      out.push({ category: 'list', label: 'empty', value: [] });
      wrong('object for list', { a: 1 });
      return out;
    }
    if (isInputObjectType(inner)) {
      const valid = this.validValue(inner, name) as Record<string, Json>;
      wrong('string for object', 'hostile');
      wrong('number for object', 42);
      out.push({ category: 'unknown', label: 'unknown input field', value: { ...valid, bogus: 1 } });
      out.push({ category: 'list', label: 'object nested 200 deep', value: nestedObject(valid, 200) });
      return out;
    }
    if (isEnumType(inner)) {
      wrong('unknown enum', 'NOT_A_VALUE');
      wrong('number for enum', 1);
      wrong('lower-case enum', String(inner.getValues()[0].value).toLowerCase());
      out.push({ category: 'huge', label: 'huge enum', value: 'A'.repeat(HUGE) });
      return out;
    }
    if (!isScalarType(inner)) return out;
    switch (inner.name) {
      case 'Int':
      case 'Float':
        wrong('string for number', '12');
        wrong('object for number', { a: 1 });
        out.push({ category: 'extreme', label: '2^31', value: 2147483648 });
        out.push({ category: 'extreme', label: '-2^31 - 1', value: -2147483649 });
        out.push({ category: 'extreme', label: '1e308', value: 1e308 });
        out.push({ category: 'extreme', label: 'zero', value: 0 });
        return out;
      case 'Boolean':
        wrong('string for boolean', 'true');
        wrong('number for boolean', 1);
        return out;
      case 'DateTime':
      case 'Date':
        for (const value of ['2025-02-30', '2025-13-45T99:99:99Z', '+275760-09-13T00:00:00.000Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '']) {
          out.push({ category: 'extreme', label: `date ${JSON.stringify(value)}`, value });
        }
        wrong('number for date', 1e15);
        out.push({ category: 'huge', label: 'huge date', value: '2025-'.repeat(HUGE / 5) });
        return out;
      default:
        // String and ID
        wrong('number for string', 12345);
        wrong('object for string', { a: 1 });
        out.push({ category: 'huge', label: `${HUGE} characters`, value: 'x'.repeat(HUGE) });
        out.push({ category: 'huge', label: `${HUGE / 2} astral characters`, value: '𝕏'.repeat(HUGE / 2) });
        out.push({ category: 'huge', label: '1,000 NUL characters', value: '\u0000'.repeat(1000) });
        out.push({ category: 'extreme', label: 'empty', value: '' });
        out.push({ category: 'extreme', label: 'SQL and markup', value: "x' OR '1'='1'; DROP TABLE check_in; -- <script>alert(1)</script>%s%n{{7*7}}" });
        out.push({ category: 'extreme', label: 'lone surrogate', value: 'a\ud800b' });
        out.push({ category: 'extreme', label: 'right-to-left override', value: '\u202egnp.exe\u200b\ufeff' });
        return out;
    }
  }

  /** `mutation ($a: T!, …) { field(a: $a, …) { … } }`, or with the values written inline. */
  private document(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, mode: 'variables' | 'literal', values: Record<string, Json> = {}): string {
    const selection = this.selection(field.type, 1);
    if (mode === 'literal') return `${operation} { ${field.name}${this.argumentLiterals(field.args, values)} ${selection} }`;
    if (field.args.length === 0) return `${operation} { ${field.name} ${selection} }`;
    const declared = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
    return `${operation} (${declared}) { ${field.name}(${passed}) ${selection} }`;
  }

  private argumentLiterals(args: readonly GraphQLArgument[], values: Record<string, Json>): string {
    const present = args.filter((a) => a.name in values);
    return present.length ? `(${present.map((a) => `${a.name}: ${literal(values[a.name], getNamedType(a.type))}`).join(', ')})` : '';
  }

  /** A selection set for `type`: its scalar fields, and objects `depth` levels down. */
  private selection(type: GraphQLOutputType, depth: number): string {
    const named = getNamedType(type);
    if (isLeafType(named) || !isObjectType(named)) return '';
    const fields = Object.values(named.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined));
    const scalars = fields.filter((f) => isLeafType(getNamedType(f.type))).map((f) => f.name);
    const objects = depth > 1 ? fields.filter((f) => isObjectType(getNamedType(f.type))).map((f) => `${f.name} ${this.selection(f.type, depth - 1)}`) : [];
    return `{ ${[...(scalars.length ? scalars : ['__typename']), ...objects].join(' ')} }`;
  }

  /** Follows object fields down `levels` levels (OrgUnit.parent.parent…, Event.orgUnit.children…). */
  private deepSelection(type: GraphQLNamedType, levels: number): string {
    if (!isObjectType(type) || levels === 0) return isObjectType(type) ? '{ __typename }' : '';
    const next = Object.values((type as GraphQLObjectType).getFields()).find((f) => isObjectType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)));
    if (!next) return '{ __typename }';
    return `{ ${next.name} ${this.deepSelection(getNamedType(next.type), levels - 1)} }`;
  }
}

/** HTTP-level abuse of /graphql and the other routes. */
function* transportAbuse(): Generator<HostileRequest> {
  const valid = JSON.stringify({ query: '{ me { id email } }' });
  const raw = (label: string, body: string | Buffer, headers: Record<string, string> = JSON_HEADERS, method = 'POST', path = '/graphql'): HostileRequest => ({
    category: 'transport',
    label,
    method,
    path,
    headers,
    body,
  });
  for (let cut = 1; cut < valid.length; cut += 3) yield raw(`truncated JSON at ${cut}`, valid.slice(0, cut));
  for (const body of ['{', '}', '{"query": }', `${valid}garbage`, "{'query': '{ me { id } }'}", '{"query": "{ me { id } }" /* comment */}', '{"query": NaN}', '\ufeff' + valid, '{"query": "{ me { id } }", "query": "{ __typename }"}', '[' .repeat(100_000), '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000), '{"variables": {"n": 1e999}, "query": "query ($n: Int) { orgUnits { id } }"}']) {
    yield raw(`broken JSON ${JSON.stringify(body.slice(0, 30))}`, body);
  }
  for (const body of ['null', '[]', '123', '"string"', 'true', '{}', '{"query": null}', '{"query": 1}', '{"query": ["{ me { id } }"]}', '{"query": {"a": 1}}', '{"query": ""}', '{"query": "   "}']) {
    yield raw(`odd JSON ${body}`, body);
  }
  for (const variables of ['"str"', '[]', '5', '[1, 2]']) yield raw(`variables ${variables}`, `{"query": "{ me { id } }", "variables": ${variables}}`);
  for (const extensions of ['"x"', '{"persistedQuery": {"version": 1, "sha256Hash": "abc"}}', '{"persistedQuery": {"version": 2}}', '{"persistedQuery": "x"}']) {
    yield raw(`extensions ${extensions}`, `{"query": "{ me { id } }", "extensions": ${extensions}}`);
  }
  yield raw('persisted query without a query', '{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38"}}}');
  for (const contentType of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/graphql', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/json; charset=nope', 'application/octet-stream', '*/*', '', 'application/json, text/plain', 'a'.repeat(5000)]) {
    yield raw(`content type ${contentType.slice(0, 40)}`, contentType === 'application/x-www-form-urlencoded' ? 'query=%7B%20me%20%7B%20id%20%7D%20%7D' : valid, contentType ? { 'Content-Type': contentType } : {});
  }
  for (const encoding of ['gzip', 'deflate', 'br', 'identity', 'nope', 'gzip, gzip']) {
    yield raw(`content encoding ${encoding}`, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef]), { ...JSON_HEADERS, 'Content-Encoding': encoding });
  }
  const op = { query: '{ me { id } }' };
  yield raw('batch of 2', JSON.stringify([op, op]));
  yield raw('batch of 100 logins', JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ query: `mutation { login(email: "a${i}@b.cn", password: "x") { token } }` }))));
  yield raw('empty batch', '[]');
  yield raw('batch of numbers', '[1, 2, 3]');
  // Sizes around the 1 MB limit.
  const padded = (bytes: number) => {
    const shell = JSON.stringify({ query: '{ me { id } }', variables: { pad: '' } });
    return JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(bytes - shell.length) } });
  };
  yield raw('just under 1 MB', padded(1024 * 1024 - 200));
  yield raw('just over 1 MB', padded(1024 * 1024 + 1));
  yield raw('5 MB', padded(5 * 1024 * 1024));
  yield raw('1 MB of whitespace', ' '.repeat(1024 * 1024 - 100) + valid);
  yield raw('1 MB query string', JSON.stringify({ query: `{ me { id } } # ${'x'.repeat(1024 * 1000)}` }));
  yield raw('1 MB of numbers in a list', `{"query": "query ($ids: [ID!]) { orgUnits { id } }", "variables": {"ids": [${'1,'.repeat(500_000)}1]}}`);
  // Bytes that are not UTF-8.
  for (const bytes of [[0xff, 0xfe], [0xc0, 0xaf], [0x80, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x00]]) {
    const body = Buffer.concat([Buffer.from('{"query": "mutation { login(email: \\"'), Buffer.from(bytes), Buffer.from('@x.cn\\", password: \\"x\\") { token } }"}')]);
    yield raw(`invalid UTF-8 ${Buffer.from(bytes).toString('hex')}`, body);
    yield raw(`invalid UTF-8 outside strings ${Buffer.from(bytes).toString('hex')}`, Buffer.concat([Buffer.from(valid.slice(0, 5)), Buffer.from(bytes), Buffer.from(valid.slice(5))]));
  }
  // GET and other methods.
  const get = (label: string, query: string, headers: Record<string, string> = {}) => raw(label, '', headers, 'GET', `/graphql?${query}`);
  yield get('GET query without preflight header', 'query=%7B%20me%20%7B%20id%20%7D%20%7D');
  yield get('GET query', 'query=%7B%20me%20%7B%20id%20%7D%20%7D', { 'Apollo-Require-Preflight': 'true' });
  yield get('GET mutation', `query=${encodeURIComponent('mutation { login(email: "a@b.cn", password: "x") { token } }')}`, { 'Apollo-Require-Preflight': 'true' });
  yield get('GET with broken variables', 'query=%7B%20me%20%7B%20id%20%7D%20%7D&variables=%7Bnope', { 'Apollo-Require-Preflight': 'true' });
  yield get('GET with broken extensions', 'query=%7B%20me%20%7B%20id%20%7D%20%7D&extensions=%5B', { 'Apollo-Require-Preflight': 'true' });
  yield get('GET with an 8 KB query', `query=${encodeURIComponent(`{ me { id } } #${'x'.repeat(8000)}`)}`, { 'Apollo-Require-Preflight': 'true' });
  yield get('GET with a 20 KB URL', `query=${'x'.repeat(20_000)}`, { 'Apollo-Require-Preflight': 'true' });
  yield get('GET with repeated parameters', 'query=a&query=b&query=c', { 'Apollo-Require-Preflight': 'true' });
  yield get('GET with bad percent-encoding', 'query=%E0%A4%A', { 'Apollo-Require-Preflight': 'true' });
  yield get('GET with nested parameters', 'query[a][b]=1&variables[__proto__][x]=1', { 'Apollo-Require-Preflight': 'true' });
  for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE']) yield raw(`${method} /graphql`, method === 'HEAD' || method === 'TRACE' ? '' : valid, JSON_HEADERS, method);
  for (const path of [
    '/health?x=' + 'y'.repeat(2000),
    '/checkin/join/' + 'x'.repeat(5000),
    '/checkin/join/%ff%fe',
    '/checkin/%2e%2e%2fpackage.json',
    '/checkin/..%2f..%2fpackage.json',
    '/dashboard/../../package.json',
    '/dashboard/app.js%00.png',
    '/reports/reach.csv?groupBy=NOPE&from=garbage',
    '/reports/reach.csv?groupBy[]=ORG_UNIT&groupBy[x]=1&orgUnitId[$gt]=',
    '/reports/reach.xlsx?from=2025-02-30&to=99999-01-01',
    '/reports/reach.csv?' + 'groupBy=DAY&'.repeat(1000),
    '/%ff',
    '/nope/' + 'a'.repeat(3000),
  ]) {
    yield raw(`GET ${path.slice(0, 60)}`, '', {}, 'GET', path);
  }
}

/** Authorization headers that are missing, malformed, forged, oversized. */
function* headerAbuse(): Generator<HostileRequest> {
  const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'x', role: 'ADMIN', org: 'x', iss: 'finreach', exp: 4102444800 })}.`;
  const wrongKey = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: 'x', role: 'ADMIN', org: 'x', iss: 'finreach', exp: 4102444800 })}.c2lnbmF0dXJl`;
  const values = [
    'Bearer',
    'Bearer ',
    'Bearer x',
    'Bearer a.b.c',
    'Bearer ...',
    `Bearer ${unsigned}`,
    `Bearer ${wrongKey}`,
    `Bearer ${'a'.repeat(10_000)}`,
    `Bearer ${'a'.repeat(20_000)}`,
    'Basic YWRtaW46YWRtaW4=',
    'Bearer x y',
    'bearer\tx',
    'Bearer \u00e9\u00e8',
    `Bearer ${base64url({ alg: 'HS256' })}.${base64url('not an object')}.x`,
    `Bearer ${base64url({ alg: 'RS256' })}.${base64url({ sub: 1 })}.x`,
  ];
  const queries = ['{ me { id email role } }', 'mutation { checkIn(input: { clientId: "6f1d0b6e-3c1f-4c57-9a52-0e6f4b1c2d3e", eventId: "x", targetGroup: ELDERLY }) { outcome } }'];
  for (const authorization of values) {
    for (const query of queries) {
      yield {
        category: 'header',
        label: `Authorization ${JSON.stringify(authorization.slice(0, 30))}`,
        method: 'POST',
        path: '/graphql',
        headers: { ...JSON_HEADERS, Authorization: authorization },
        body: JSON.stringify({ query }),
        ownAuth: true,
      };
    }
  }
  for (const [name, value] of [
    ['X-Forwarded-For', 'not-an-ip, 999.999.999.999, ' + 'x'.repeat(1000)],
    ['Accept', 'multipart/mixed; deferSpec=20220824'],
    ['Accept', 'application/graphql-response+json'],
    ['Accept', 'text/html'],
    ['Cookie', 'a='.repeat(3000)],
    ['Content-Length', '5'],
    ['Transfer-Encoding', 'chunked'],
    ['Expect', '100-continue'],
  ] as const) {
    yield { category: 'header', label: `${name}: ${value.slice(0, 30)}`, method: 'POST', path: '/graphql', headers: { ...JSON_HEADERS, [name]: value }, body: JSON.stringify({ query: queries[0] }) };
  }
}

function post(category: string, label: string, payload: unknown): HostileRequest {
  return { category, label, method: 'POST', path: '/graphql', headers: JSON_HEADERS, body: JSON.stringify(payload) };
}

/** GraphQL literal for a JSON value; strings stay strings, so an enum position gets a (wrong) string unless `type` is an enum. */
function literal(value: Json, type: GraphQLNamedType): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, type)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = isInputObjectType(type) ? type.getFields() : {};
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v, fields[k] ? getNamedType(fields[k].type) : type)}`)
      .join(', ')} }`;
  }
  if (typeof value === 'string' && isEnumType(type) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) && value !== 'true' && value !== 'false' && value !== 'null') return value;
  return JSON.stringify(value);
}

function setAt(root: Record<string, Json>, path: (string | number)[], value: Json): Record<string, Json> {
  const copy = structuredClone(root);
  let node: any = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]] = value;
  return copy;
}

function nested(item: Json, depth: number): Json {
  let value: Json = item;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

function nestedObject(valid: Record<string, Json>, depth: number): Json {
  let value: Json = valid;
  for (let i = 0; i < depth; i++) value = { ...valid, child: value };
  return value;
}

/** F0 spreads F1 twice, F1 spreads F2 twice, …: 2^levels fields once expanded. */
function exponentialFragments(on: string, leaf: string, levels: number): string {
  const parts: string[] = [];
  for (let i = 0; i < levels; i++) parts.push(`fragment F${i} on ${on} { ...F${i + 1} ...F${i + 1} }`);
  parts.push(`fragment F${levels} on ${on} { ${leaf} }`);
  return parts.join(' ');
}
