// GET /reports/<report id>/<file>: a READY report's file, for the same credentials as GraphQL
// (a token or an API key) and the same scope: the report is read through the viewer's row
// security, so one about a unit outside their subtree does not exist (404), as an unknown id.
// The file is offered under its Vietnamese name (RFC 6266 / RFC 5987 filename*=UTF-8'').
import type { Plugin } from 'graphql-yoga';
import { storeContext } from '../../access/viewer-store.js';
import { httpSignIn } from '../../auth/authenticate.js';
import type { Config } from '../../config.js';
import { database } from '../../db/client.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { localId } from '../../graphql/ids.js';
import { readReportFile, reportFiles } from './reports.service.js';
import { contentTypes } from './write-report-files.js';

export const REPORT_DOWNLOAD_PREFIX = '/reports/';

/** Content-Disposition for a download named `title`: an ASCII fallback, and the UTF-8 name. */
export function attachmentHeader(title: string): string {
  const ascii = title.normalize('NFD').replace(/[\u0300-\u036f]/gu, '').replace(/đ/gu, 'd').replace(/Đ/gu, 'D').replace(/[^\x20-\x7e]|["\\]/gu, '_');
  const encoded = encodeURIComponent(title).replace(/['()*]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function useReportDownloads(config: Config): Plugin {
  const signIn = httpSignIn(config);
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(REPORT_DOWNLOAD_PREFIX)) return;
      const fail = (status: number, error: string, headers: Record<string, string> = {}) =>
        endResponse(new fetchAPI.Response(JSON.stringify({ error }), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers } }));
      if (request.method !== 'GET') return fail(405, 'only GET', { allow: 'GET' });
      const match = /^\/reports\/([^/]+)\/([^/]+)$/u.exec(url.pathname);
      if (!match) return fail(404, 'GET /reports/<report id>/<file>');
      const store = database();
      const signedIn = await signIn(request, store);
      if ('refused' in signedIn) return fail(401, signedIn.refused, { 'www-authenticate': 'Bearer' });
      const { viewer } = signedIn;
      let id: number;
      try {
        id = localId(decodeURIComponent(match[1]!), 'Report', 'id');
      } catch (error) {
        if (!(error instanceof ValidationError || error instanceof NotFoundError)) throw error;
        return fail(404, 'no such report');
      }
      const report = await storeContext(store, viewer).db.report.findUnique({ where: { id } });
      const name = decodeURIComponent(match[2]!);
      const file = report?.status === 'READY' ? reportFiles(report.files).find((f) => f.file === name) : undefined;
      if (!report || !file) return fail(404, 'no such report file');
      const body = await readReportFile(id, file.file);
      return endResponse(
        new fetchAPI.Response(body, {
          status: 200,
          headers: {
            'content-type': contentTypes[file.format],
            'content-length': String(body.length),
            'content-disposition': attachmentHeader(file.title),
            'cache-control': 'private, no-store',
            'x-content-type-options': 'nosniff',
          },
        }),
      );
    },
  };
}
