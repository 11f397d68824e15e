// A job's hold on the row it works on (a BUILDING snapshot, a RUNNING report): renewed in the
// background every quarter of CHIBO_JOB_LEASE_SECONDS, by the store's clock, so a row whose
// worker stopped renewing is known for dead by every server sharing the store.
import { loadJobsConfig } from '../config.js';

/** How long a lease lasts unrenewed, in seconds. */
export const jobLeaseSeconds = () => loadJobsConfig().leaseSeconds;

/**
 * Calls `renew` every quarter of the lease until stopped, one call at a time (on the embedded
 * store they wait while the work holds the one connection); a failed renewal is logged as `what`'s.
 */
export function renewInBackground(renew: () => Promise<unknown>, what: string): { settled(): Promise<void>; stop(): void } {
  let renewing: Promise<void> | null = null;
  const timer = setInterval(() => {
    renewing ??= renew()
      .then(() => {})
      .catch((error: unknown) => console.warn(`${what}: its lease was not renewed: ${error instanceof Error ? error.message : error}`))
      .finally(() => {
        renewing = null;
      });
  }, (jobLeaseSeconds() * 1000) / 4);
  timer.unref();
  return {
    /** Resolves once the renewal under way, if any, has ended. */
    settled: async () => {
      await renewing;
    },
    stop: () => clearInterval(timer),
  };
}
