// GET /snapshot-progress?id=<the snapshot's id>: how far a build running in this server has come,
// read from the server's memory. On the embedded store GraphQL answers nothing while a build
// copies (each request signs in against the store, whose one connection the copy holds), so
// `npm run snapshot` follows its build here. Nothing here reads the store: the caller signs in
// with a token whose signature is checked as any request's, and sees only a build they asked
// for themselves; any other id answers 404, and `node(id:)` tells the state once the store
// answers again.
import type { Plugin } from 'graphql-yoga';
import { API_KEY_PREFIX } from '../../auth/api-keys.js';
import { loadSigningKeys, type SigningKeys } from '../../auth/signing-keys.js';
import { AuthenticationError, verifyToken } from '../../auth/tokens.js';
import type { Config } from '../../config.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { globalId, localId } from '../../graphql/ids.js';
import { runningBuild } from './snapshots.service.js';

export const BUILD_PROGRESS_PATH = '/snapshot-progress';

/** The answer: the snapshot's global id, label, phase ("copy Meeting", "build facts") and rows copied so far. */
export interface BuildProgressAnswer {
  id: string;
  label: string;
  status: 'BUILDING';
  phase: string;
  rowsDone: number;
}

export function useSnapshotBuildProgress(config: Config): Plugin {
  let keys: Promise<SigningKeys> | undefined;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== BUILD_PROGRESS_PATH) return;
      const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify(body), {
            status,
            headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
          }),
        );
      if (request.method !== 'GET') return answer(405, { error: 'only GET' }, { allow: 'GET' });
      const credential = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization')?.trim() ?? '')?.[1];
      if (!credential || credential.startsWith(API_KEY_PREFIX)) {
        return answer(401, { error: 'sign in with a token: "Authorization: Bearer <token>" (an API key is checked against the store, which this does not read)' }, { 'www-authenticate': 'Bearer' });
      }
      let email: string;
      try {
        keys ??= loadSigningKeys(config);
        email = await verifyToken(await keys, config, credential);
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        return answer(401, { error: error.message }, { 'www-authenticate': 'Bearer' });
      }
      let id: number;
      try {
        id = localId(url.searchParams.get('id') ?? '', 'Snapshot', 'id');
      } catch (error) {
        if (!(error instanceof ValidationError || error instanceof NotFoundError)) throw error;
        return answer(400, { error: error.message });
      }
      const build = runningBuild(id);
      if (!build || build.startedBy !== email) {
        return answer(404, { error: `no build of snapshot ${id} that you asked for is running in this server; node(id:) tells its state` });
      }
      const body: BuildProgressAnswer = { id: globalId('Snapshot', id), label: build.label, status: 'BUILDING', phase: build.phase, rowsDone: build.rowsDone };
      return answer(200, body);
    },
  };
}
