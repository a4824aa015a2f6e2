import { ApolloDriverConfig } from '@nestjs/apollo';
import type { AppConfig } from 'src/config/app-config';
import { complexityRule } from './complexity.rule';
import { formatGraphQLError } from './format-error';
import { rateLimitPlugin } from './rate-limit.plugin';

/**
 * Longest document parsed, in lexical tokens. The pages' queries and GraphiQL's
 * introspection query have a few hundred; the cap keeps graphql's validation
 * rules (some quadratic in the number of fields) from being fed megabyte queries.
 */
export const MAX_QUERY_TOKENS = 3000;

/** Apollo settings in one place: guard rails always on, developer tools off in production. */
export function graphqlOptions(config: AppConfig): Omit<ApolloDriverConfig, 'driver'> {
  return {
    path: '/graphql',
    // Built in memory at start; `npm run schema:print` writes the committed schema.gql.
    autoSchemaFile: true,
    sortSchema: true,
    // Fastify's Apollo integration passes the request itself.
    context: (request: unknown) => ({ req: request }),
    introspection: !config.isProduction,
    // Nest's Apollo driver adds a landing page of its own; outside production that is GraphiQL.
    playground: false,
    graphiql: !config.isProduction,
    parseOptions: { maxTokens: MAX_QUERY_TOKENS },
    // No automatic persisted queries: the pages send whole documents, and the APQ cache is memory a client could fill.
    persistedQueries: false,
    validationRules: [complexityRule()],
    plugins: [rateLimitPlugin(config)],
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatGraphQLError(formatted, error, { hideSuggestions: config.isProduction }),
  };
}
