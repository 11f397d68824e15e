// The GraphQL-over-HTTP app. Built here, listened on in server.ts, so tests call
// `yoga.fetch` without opening a port.
import { createYoga } from 'graphql-yoga';
import { useMutationGuard } from './access/mutation-guard.js';
import { loadConfig, loadHardeningConfig, loadServingConfig, type Config, type HardeningConfig } from './config.js';
import { contextFactory } from './context.js';
import { useReportDownloads } from './features/reports/report-downloads.js';
import { useSnapshotBuildProgress } from './features/snapshots/build-progress.js';
import { graphiqlOptions, renderGraphiQLPage, useGraphiQLAssets } from './graphql/graphiql.js';
import { maskError } from './graphql/mask-errors.js';
import { operationLimitPlugins } from './graphql/operation-limits.js';
import { loadPersistedOperations, PERSISTED_OPERATION_PARAMS, usePersistedOperationsOnly } from './graphql/persisted-operations.js';
import { useAnalyticsServing } from './http/analytics-serving.js';
import { useBodyLimit } from './http/body-limit.js';
import type { NodeServerContext } from './http/client-address.js';
import { corsPolicy } from './http/cors.js';
import { useRateLimit } from './http/rate-limit.js';
import { inMemoryResultStore, type ResultStore } from './http/result-store.js';
import { schema } from './schema.js';

export interface AppOptions {
  config?: Config;
  development?: boolean;
  /** Overrides of the environment's hardening settings (tests use them). */
  hardening?: Partial<HardeningConfig>;
  /** Where analytics answers are cached; null for none. Default: in memory, CHIBO_RESULT_CACHE_BYTES of it. */
  resultStore?: ResultStore | null;
}

const graphqlEndpoint = '/graphql';

export function createApp({ config = loadConfig(), development = config.development, hardening, resultStore }: AppOptions = {}) {
  const settings: HardeningConfig = { ...loadHardeningConfig(process.env, development), ...hardening };
  const cacheBytes = loadServingConfig().resultCacheBytes;
  const store = resultStore !== undefined ? resultStore : cacheBytes > 0 ? inMemoryResultStore(cacheBytes) : null;
  const persisted = settings.persistedOperationsFile ? loadPersistedOperations(settings.persistedOperationsFile) : undefined;
  return createYoga<NodeServerContext>({
    schema,
    context: contextFactory(config),
    graphqlEndpoint,
    // GraphiQL's files from this server, not a CDN: it works on a network without the internet.
    graphiql: development && graphiqlOptions,
    renderGraphiQL: renderGraphiQLPage,
    maskedErrors: { isDev: development, maskError },
    landingPage: false,
    healthCheckEndpoint: '/health',
    cors: corsPolicy(settings.corsOrigins),
    // One limit for every body; useBodyLimit has one for uploads and one for the rest.
    maxRequestBodySize: false,
    extraParamNames: persisted ? PERSISTED_OPERATION_PARAMS : [],
    plugins: [
      ...(development ? [useGraphiQLAssets()] : []),
      ...(settings.rateLimit
        ? [useRateLimit({ limit: settings.rateLimit, trustedProxies: settings.trustedProxies, endpoint: graphqlEndpoint })]
        : []),
      useBodyLimit(settings),
      // Read from memory: on the embedded store GraphQL waits while a snapshot build copies.
      useSnapshotBuildProgress(config),
      useReportDownloads(config),
      ...(persisted ? [usePersistedOperationsOnly(persisted)] : []),
      ...operationLimitPlugins({ limits: settings.operationLimits, development }),
      useMutationGuard(),
      useAnalyticsServing({ store }),
    ],
  });
}
