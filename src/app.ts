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
import { useImportTemplates } from './http/import-templates.js';
import type { NodeServerContext } from './http/client-address.js';
import { corsPolicy } from './http/cors.js';
import { useRequestLanguage } from './http/language.js';
import { useRateLimit } from './http/rate-limit.js';
import { inMemoryResultStore, sharedResultStore, type ResultStore } from './http/result-store.js';
import { openSharedRedis, type SharedRedis } from './http/shared-redis.js';
import { schema } from './schema.js';

export interface AppOptions {
  config?: Config;
  development?: boolean;
  /** Overrides of the environment's hardening settings (tests use them). */
  hardening?: Partial<HardeningConfig>;
  /**
   * Where analytics answers are cached; null for none. Default: in memory, CHIBO_RESULT_CACHE_BYTES
   * of it, in front of the Redis at REDIS_URL when one is set.
   */
  resultStore?: ResultStore | null;
  /** The Redis shared with other servers; default: one opened at REDIS_URL when that is set (closed with the app). */
  sharedRedis?: SharedRedis;
}

const graphqlEndpoint = '/graphql';

export function createApp({ config = loadConfig(), development = config.development, hardening, resultStore, sharedRedis }: AppOptions = {}) {
  const settings: HardeningConfig = { ...loadHardeningConfig(process.env, development), ...hardening };
  const serving = loadServingConfig();
  // Shared by the servers of a deployment: each client's request budget and the cached answers.
  const opened = !sharedRedis && serving.redisUrl ? openSharedRedis(serving.redisUrl, serving.redisPrefix) : undefined;
  const redis = sharedRedis ?? opened;
  const local = serving.resultCacheBytes > 0 ? inMemoryResultStore(serving.resultCacheBytes) : null;
  const store = resultStore !== undefined ? resultStore : local && redis ? sharedResultStore(redis, local, serving.sharedResultSeconds) : local;
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
      useRequestLanguage(),
      ...(development ? [useGraphiQLAssets()] : []),
      ...(settings.rateLimit
        ? [useRateLimit({ limit: settings.rateLimit, trustedProxies: settings.trustedProxies, endpoint: graphqlEndpoint, redis })]
        : []),
      ...(opened ? [{ onDispose: () => opened.close() }] : []),
      useBodyLimit(settings),
      useImportTemplates(config),
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
