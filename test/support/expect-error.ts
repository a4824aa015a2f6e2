import type { GqlResponse } from './test-app';

type ErrorShape = NonNullable<GqlResponse['errors']>[number];

/** The response's only error, checked to carry `code`; data for the failed field is absent. */
export function expectError(res: GqlResponse, code: string): ErrorShape {
  if (!res.errors?.length) throw new Error(`expected a ${code} error, got data ${JSON.stringify(res.data)}`);
  expect(res.errors.map((e) => e.extensions?.code)).toEqual([code]);
  return res.errors[0];
}

/** Fails when a client-visible body holds anything internal: a stack frame, SQL, a file path. */
export function expectNoInternals(body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  expect(text).not.toMatch(/\bat .+:\d+:\d+/); // stack frame
  expect(text).not.toMatch(/"stack(trace)?"/i);
  expect(text).not.toMatch(/\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b/);
  expect(text).not.toMatch(/SQLITE_|\bER_[A-Z_]+|QueryFailedError/);
  expect(text).not.toMatch(/(\/[\w.-]+){2,}\.(ts|js)\b|node_modules|\/work\/|\/tmp\//);
}
