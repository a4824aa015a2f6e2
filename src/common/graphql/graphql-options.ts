import { ApolloDriverConfig } from '@nestjs/apollo';
import type { AppConfig } from 'src/config/app-config';
import { complexityRule } from './complexity.rule';
import { formatGraphQLError } from './format-error';

/** Apollo settings in one place: guard rails always on, developer tools off in production. */
export function graphqlOptions(config: AppConfig): Omit<ApolloDriverConfig, 'driver'> {
  return {
    path: '/graphql',
    // Built in memory at start; `npm run schema:print` writes the committed schema.gql.
    autoSchemaFile: true,
    sortSchema: true,
    context: ({ req }: { req: unknown }) => ({ req }),
    introspection: !config.isProduction,
    // Nest's Apollo driver adds a landing page of its own; outside production that is GraphiQL.
    playground: false,
    graphiql: !config.isProduction,
    validationRules: [complexityRule()],
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatGraphQLError(formatted, error, { hideSuggestions: config.isProduction }),
  };
}
