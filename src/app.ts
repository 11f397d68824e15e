// The GraphQL-over-HTTP app. Built here, listened on in server.ts, so tests call
// `yoga.fetch` without opening a port.
import { createYoga } from 'graphql-yoga';
import { useViewer } from './auth/viewer-plugin.js';
import { loadConfig, type Config } from './config.js';
import { contextFactory } from './context.js';
import { maskError } from './graphql/mask-errors.js';
import { schema } from './schema.js';

export function createApp({ config = loadConfig(), development = config.development }: { config?: Config; development?: boolean } = {}) {
  return createYoga({
    schema,
    context: contextFactory(config),
    plugins: [useViewer()],
    graphqlEndpoint: '/graphql',
    graphiql: { title: 'chibo — chất lượng sinh hoạt chi bộ' },
    maskedErrors: { isDev: development, maskError },
    landingPage: false,
    healthCheckEndpoint: '/health',
  });
}
