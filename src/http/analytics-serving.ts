// How requests for dashboard figures are served around the analytics engine: answers cached by
// snapshot, and the query lane each request runs in.
//
// Cache. A snapshot never changes, so an answer read from it never goes stale: an operation
// made only of fields that read snapshots (src/http/analytics-operations.ts) is kept as the
// bytes sent, under a key of the snapshots it read (the newest READY one resolved for the
// request when none is named, so a newer snapshot is a new key, not an invalidation), the
// viewer's scope unit and role (everything about the viewer the figures depend on), the
// language of its messages, and the operation with its variables. Anything touching the
// transactional store is never cached.
// A deleted snapshot's answers are dropped; when a snapshot is published, the questions
// dashboards asked of the previous one about the top units (the province and the units
// directly under it) are asked again of the new one, one at a time, so the morning's first
// dashboards find them ready.
//
// Lanes. A request about units of many cells runs its snapshot queries in the slow lane, any
// other in the fast lane (src/analytics/query-lanes.ts); a request that would only wait in a
// full slow lane is refused at once with TOO_BUSY.
import { createHash } from 'node:crypto';
import { print, type DocumentNode, type ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import type { Viewer } from '../access/viewer.js';
import { laneIsFull, queryLaneConfig, runInLane, TooBusyError, type LaneName } from '../analytics/query-lanes.js';
import { requestSnapshot } from '../analytics/ready-snapshots.js';
import { forgetUnitSizes, unitSizes } from '../analytics/unit-sizes.js';
import type { Context } from '../context.js';
import type { Snapshot } from '../generated/prisma/client.js';
import { snapshotEvents } from '../features/snapshots/snapshot-events.js';
import { localSnapshotFile, snapshotFile } from '../features/snapshots/snapshots.service.js';
import { operationShape, snapshotQuestion } from './analytics-operations.js';
import type { Language } from '../text/messages.js';
import type { ResultStore } from './result-store.js';

/**
 * Server context of the requests the cache sends itself to warm it: the viewer they are asked
 * as. Only code in this process can set it (Node's server context holds the socket and nothing
 * a client sends), so it signs nobody in from outside.
 */
export const WARMING_VIEWER = Symbol('chibo.warmingViewer');

/** Questions remembered for warming, and how many of them are asked again of a new snapshot. */
const REMEMBERED_QUESTIONS = 500;
const WARMED_QUESTIONS = 100;

/** What warming uses of Yoga's server: its fetch API and its handler (no socket, no port). */
interface YogaServer {
  fetchAPI: { Request: typeof Request };
  handle(request: Request, serverContext: Record<PropertyKey, unknown>): Promise<Response> | Response;
}

interface Question {
  query: string;
  operationName: string | null;
  variables: Record<string, unknown>;
  viewer: Pick<Viewer, 'role' | 'scopeUnitId' | 'scopePath'>;
  language: Language;
  unitIds: number[];
  asked: number;
}

export interface AnalyticsServingOptions {
  /** Null: answers are not cached (CHIBO_RESULT_CACHE_BYTES=0). */
  store: ResultStore | null;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const printed = new WeakMap<DocumentNode, string>();

/** The operation's text: as sent, or printed once (a persisted operation sent by its id). */
function documentText(sent: string | undefined, document: DocumentNode): string {
  if (sent) return sent;
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}

/** Keys' sorted JSON: the same variables give the same key whatever their order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The snapshots by id and by their file's checksum: answers shared through Redis by another
 * deployment whose snapshot happens to have the same id are never taken for this one's.
 */
function cacheKey(
  snapshots: readonly Snapshot[],
  viewer: Viewer,
  language: Language,
  query: string,
  operationName: string | null,
  variables: Record<string, unknown>,
): string {
  const operation = createHash('sha256').update(query).update('\0').update(operationName ?? '').update('\0').update(stableJson(variables)).digest('base64url');
  const read = [...new Map(snapshots.map((s) => [s.id, `${s.id}:${s.checksum ?? ''}`])).entries()].sort(([a], [b]) => a - b).map(([, tag]) => tag);
  // The language too: a typed error inside an answer (a unit outside the scope) is in it.
  return `${read.join(',')}|${viewer.scopeUnitId ?? '*'}|${viewer.role}|${language}|${operation}`;
}

const REGULAR_MEDIA_TYPES = ['application/graphql-response+json', 'application/json'];

/**
 * The media type Yoga answers a single result with for this request's Accept header (its
 * result processors: the entry listed first that one of the two JSON types matches, and of
 * those application/json when both do); null when the client takes neither (a stream).
 */
export function regularMediaType(request: Request): string | null {
  const accepted = (request.headers.get('accept') || '*/*').replace(/\s/g, '').toLowerCase().split(',');
  for (const entry of accepted) {
    const [mediaType, ...params] = entry.split(';');
    if (!mediaType || (params.find((param) => param.includes('charset=')) ?? 'charset=utf-8') !== 'charset=utf-8') continue;
    const [type, subtype] = mediaType.split('/');
    const matches = REGULAR_MEDIA_TYPES.filter((candidate) => {
      const [candidateType, candidateSubtype] = candidate.split('/');
      return (type === '*' || type === candidateType) && (subtype === '*' || subtype === candidateSubtype);
    });
    if (matches.length > 0) return matches[matches.length - 1]!;
  }
  return null;
}

/** The lane of a request: the slow one when the units it asks about hold many cells. */
async function laneOf(snapshot: Snapshot, unitIds: number[]): Promise<LaneName> {
  if (unitIds.length === 0) return 'fast';
  const sizes = await unitSizes(await localSnapshotFile(snapshot));
  const cells = unitIds.reduce((sum, id) => sum + (sizes.get(id)?.cells ?? 0), 0);
  return cells >= queryLaneConfig().slowQueryCells ? 'slow' : 'fast';
}

export function useAnalyticsServing({ store }: AnalyticsServingOptions): Plugin<Context> {
  /** The server itself: warming sends it requests as a dashboard would. */
  let yoga: YogaServer | undefined;
  /** What dashboards asked of the newest snapshot, most recent last. */
  const questions = new LRUCache<string, Question>({ max: REMEMBERED_QUESTIONS });

  async function warm(snapshotId: number): Promise<void> {
    if (!store || !yoga) return;
    const sizes = await unitSizes(snapshotFile(snapshotId));
    const top = [...questions.values()]
      .filter((question) => question.unitIds.every((id) => (sizes.get(id)?.depth ?? Infinity) <= 1))
      .sort((a, b) => b.asked - a.asked)
      .slice(0, WARMED_QUESTIONS);
    questions.clear();
    for (const question of top) {
      const viewer: Viewer = { userId: 0, email: 'result-cache@chibo.local', apiKeyId: null, ...question.viewer };
      // One at a time, in the lane its size gives it: live requests go first.
      const request = new yoga.fetchAPI.Request('http://in-process/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', 'accept-language': question.language },
        body: JSON.stringify({ query: question.query, operationName: question.operationName, variables: question.variables }),
      });
      await (await yoga.handle(request, { [WARMING_VIEWER]: viewer })).arrayBuffer();
    }
  }

  if (store) {
    snapshotEvents.on('published', (snapshotId) => {
      void warm(snapshotId).catch((error: unknown) => console.warn(`Warming the result cache for snapshot ${snapshotId} failed: ${error instanceof Error ? error.message : error}`));
    });
    snapshotEvents.on('deleted', (snapshotId) => {
      forgetUnitSizes(snapshotFile(snapshotId));
      void store.deleteSnapshot(snapshotId);
    });
  }

  /** Requests answered from the cache, with the bytes to send. */
  const cachedAnswers = new WeakMap<Request, Uint8Array>();

  return {
    onResultProcess({ request, setResultProcessor }) {
      const bytes = cachedAnswers.get(request);
      const mediaType = bytes && regularMediaType(request);
      if (!bytes || !mediaType) return;
      // What Yoga's own processor sends for an answer without errors, the body already printed.
      setResultProcessor((_result, fetchAPI) => new fetchAPI.Response(bytes as Uint8Array<ArrayBuffer>, { status: 200, headers: { 'Content-Type': `${mediaType}; charset=utf-8` } }), mediaType);
    },
    onYogaInit({ yoga: instance }) {
      yoga = instance as unknown as YogaServer;
    },
    async onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      // Yoga's context: the request's own (its params) with what the context factory added.
      const context = args.contextValue as Context & YogaInitialContext;
      const shape = operationShape(args.schema, args.document, args.operationName);
      if (shape.fields.length === 0) return;
      const question = snapshotQuestion(args.schema, shape, args.variableValues ?? undefined);
      if (!question) return;
      const snapshots = await Promise.all(question.snapshotIds.map((id) => requestSnapshot(context, id)));
      const ready = snapshots.filter((snapshot): snapshot is Snapshot => snapshot?.status === 'READY');
      for (const snapshot of snapshots) {
        // Deleted by another process sharing the store: its answers go here too.
        if (snapshot?.status === 'DELETED') void store?.deleteSnapshot(snapshot.id);
      }
      // An unknown or unready snapshot: the fields answer their typed error, uncached.
      if (ready.length !== snapshots.length || !ready[0]) return;

      const cacheable = store !== null && shape.cacheable;
      const query = documentText(context.params.query, args.document);
      const operationName = args.operationName ?? null;
      const key = cacheable ? cacheKey(ready, context.viewer, context.language, query, operationName, question.variables) : '';
      if (cacheable && question.snapshotIds.includes(null)) {
        const remembered = questions.get(key);
        questions.set(key, {
          query,
          operationName,
          variables: question.variables,
          viewer: { role: context.viewer.role, scopeUnitId: context.viewer.scopeUnitId, scopePath: context.viewer.scopePath },
          language: context.language,
          unitIds: question.unitIds,
          asked: (remembered?.asked ?? 0) + 1,
        });
      }
      if (cacheable) {
        const bytes = await store.get(key);
        if (bytes) {
          // Sent as they are (an answer of a province is half a megabyte: parsing and printing
          // it again would cost more than the rest of the request); parsed only for the rare
          // client that takes no JSON.
          if (regularMediaType(context.request)) {
            cachedAnswers.set(context.request, bytes);
            return setResultAndStopExecution({ data: null });
          }
          return setResultAndStopExecution(JSON.parse(decoder.decode(bytes)) as ExecutionResult);
        }
      }

      const lane = await laneOf(ready[0], question.unitIds);
      if (lane === 'slow' && laneIsFull('slow')) return setResultAndStopExecution({ errors: [new TooBusyError('slow')] });
      setExecuteFn((executionArgs) => runInLane(lane, () => executeFn(executionArgs)));
      if (!cacheable) return;
      return {
        onExecuteDone({ result }) {
          const answer = result as ExecutionResult;
          // Only whole answers: an error (a unit outside the scope, a busy lane) is asked again.
          if (answer.errors?.length || !answer.data) return;
          // The bytes Yoga sends for an answer without errors.
          void store.set(key, ready.map((s) => s.id), encoder.encode(JSON.stringify(answer)));
        },
      };
    },
  };
}
