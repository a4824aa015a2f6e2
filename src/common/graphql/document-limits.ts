import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentNode, Kind, parse, SelectionSetNode } from 'graphql';

export const DOCUMENT_LIMITS = {
  /** Named fragments in one document; GraphiQL's introspection query uses three. */
  maxFragments: 30,
  /** Times one response name may appear in one selection set (inline fragments included). */
  maxRepeats: 10,
};

/**
 * A Fastify preHandler hook in front of Apollo on `path`: refuses documents whose
 * shape makes graphql's own validation expensive. Its OverlappingFieldsCanBeMerged
 * rule compares every pair of same-named fields and every pair of fragments in
 * a selection set, so a few kilobytes of `{ me { id } me { id } … }` or of
 * fragments cost seconds of CPU. It runs here, before Apollo, because Apollo
 * answers an error thrown from its validation hooks as a 500. Documents that do
 * not parse are left to Apollo, which reports the syntax error.
 */
export function documentLimits(maxTokens: number, path: string) {
  // Clients send the same few documents over and over (a phone's checkIn with new variables):
  // one that passed is not parsed again. Bounded, and only short documents are kept.
  const passed = new Set<string>();
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (request.routeOptions.url !== path) return;
    const source = request.method === 'GET' ? request.query : request.body;
    const query: unknown = (source as { query?: unknown } | undefined)?.query;
    if (typeof query !== 'string' || passed.has(query)) return;
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens });
    } catch {
      return;
    }
    const problem = documentProblem(document);
    if (!problem) {
      if (query.length <= REMEMBERED_LENGTH) {
        if (passed.size >= REMEMBERED_DOCUMENTS) passed.clear();
        passed.add(query);
      }
      return;
    }
    await reply.code(400).send({ errors: [{ message: problem, extensions: { code: 'QUERY_TOO_COMPLEX' } }] });
  };
}

const REMEMBERED_DOCUMENTS = 500;
const REMEMBERED_LENGTH = 10_000;

/** What is wrong with the document's shape, or null. Linear in its size. */
export function documentProblem(document: DocumentNode): string | null {
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).length;
  if (fragments > DOCUMENT_LIMITS.maxFragments) return `Query defines ${fragments} fragments; the limit is ${DOCUMENT_LIMITS.maxFragments}.`;
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION && def.kind !== Kind.FRAGMENT_DEFINITION) continue;
    const problem = selectionSetProblem(def.selectionSet);
    if (problem) return problem;
  }
  return null;
}

function selectionSetProblem(set: SelectionSetNode): string | null {
  const repeats = new Map<string, number>();
  const nested: SelectionSetNode[] = [];
  // Inline fragments merge into the set around them, so their fields are counted with it.
  const collect = (current: SelectionSetNode) => {
    for (const selection of current.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (selection.kind === Kind.FIELD) {
        const name = selection.alias?.value ?? selection.name.value;
        repeats.set(name, (repeats.get(name) ?? 0) + 1);
        if (selection.selectionSet) nested.push(selection.selectionSet);
      }
    }
  };
  collect(set);
  for (const [name, count] of repeats) {
    if (count > DOCUMENT_LIMITS.maxRepeats) return `Query repeats "${name}" ${count} times in one selection; the limit is ${DOCUMENT_LIMITS.maxRepeats}.`;
  }
  for (const child of nested) {
    const problem = selectionSetProblem(child);
    if (problem) return problem;
  }
  return null;
}
