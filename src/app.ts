// The GraphQL-over-HTTP app. Built here, listened on in server.ts, so tests call
// `yoga.fetch` without opening a port.
import { createYoga } from 'graphql-yoga';
import { loadConfig } from './config.js';
import { createContext } from './context.js';
import { maskError } from './graphql/mask-errors.js';
import { schema } from './schema.js';

export function createApp({ development = loadConfig().development }: { development?: boolean } = {}) {
  return createYoga({
    schema,
    context: createContext,
    graphqlEndpoint: '/graphql',
    graphiql: { title: 'chibo — chất lượng sinh hoạt chi bộ' },
    maskedErrors: { isDev: development, maskError },
    landingPage: false,
    healthCheckEndpoint: '/health',
  });
}
