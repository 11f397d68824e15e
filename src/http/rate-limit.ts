// A request budget per client on the GraphQL endpoint: past it the client gets 429 with
// Retry-After until its window ends, while every other client goes on being served.
// @graphql-yoga/plugin-rate-limiter limits resolver calls of chosen fields, not requests, so
// this is a small Yoga plugin around rate-limiter-flexible's counter: in Redis when the servers
// share one (a client's budget is the same whichever replica it reaches), with the process's
// memory standing in while Redis does not answer. Clients are told apart by network address: a credential is not verified yet at this point, and budgets
// keyed by an unverified token could be renewed by making up new tokens.
import type { Plugin } from 'graphql-yoga';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimit } from '../config.js';
import { clientAddressResolver, type NodeServerContext } from './client-address.js';
import type { SharedRedis } from './shared-redis.js';

export function useRateLimit({
  limit,
  trustedProxies,
  endpoint,
  redis,
}: {
  limit: RateLimit;
  trustedProxies: string[];
  endpoint: string;
  /** Counts shared by the servers of a deployment; none: this process's memory. */
  redis?: SharedRedis | undefined;
}): Plugin<Record<string, unknown>, NodeServerContext> {
  const inMemory = new RateLimiterMemory({ points: limit.requests, duration: limit.windowSeconds });
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({
        storeClient: redis.client,
        keyPrefix: `${redis.prefix}requests`,
        points: limit.requests,
        duration: limit.windowSeconds,
        rejectIfRedisNotReady: true,
        insuranceLimiter: inMemory,
      })
    : inMemory;
  const clientAddress = clientAddressResolver(trustedProxies);
  return {
    async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint) return; // the health check always answers
      try {
        await limiter.consume(clientAddress(request, serverContext));
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        const body = {
          errors: [
            {
              message: `Too many requests: at most ${limit.requests} every ${limit.windowSeconds} s. Try again in ${retryAfterSeconds} s.`,
              extensions: { code: 'RATE_LIMITED' },
            },
          ],
        };
        endResponse(
          new fetchAPI.Response(JSON.stringify(body), {
            status: 429,
            headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(retryAfterSeconds) },
          }),
        );
      }
    },
  };
}
