// GET /templates/{kind}.xlsx: an import's template, for anyone signed in (the same bearer
// credentials as /graphql). The templates hold headings, lists and instructions, no records.
import type { Plugin } from 'graphql-yoga';
import { httpSignIn } from '../auth/authenticate.js';
import type { Config } from '../config.js';
import { database } from '../db/client.js';
import { importTemplates, templateWorkbook } from '../features/imports/import-templates.js';

export const TEMPLATES_PATH = '/templates/';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function useImportTemplates(config: Config): Plugin {
  const signIn = httpSignIn(config);
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(TEMPLATES_PATH)) return;
      const answer = (status: number, text: string, headers: Record<string, string> = {}) =>
        endResponse(new fetchAPI.Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } }));
      if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'GET only', { allow: 'GET, HEAD' });
      const store = database();
      const signedIn = await signIn(request, store);
      if ('refused' in signedIn) return answer(401, signedIn.refused, { 'www-authenticate': 'Bearer' });
      const kind = /^([a-z-]+)\.xlsx$/.exec(url.pathname.slice(TEMPLATES_PATH.length))?.[1];
      const source = kind !== undefined && Object.hasOwn(importTemplates, kind) ? importTemplates[kind] : undefined;
      if (!kind || !source) {
        return answer(404, `no such template; there are: ${Object.keys(importTemplates).map((name) => `${TEMPLATES_PATH}${name}.xlsx`).join(', ')}`);
      }
      const body = await templateWorkbook(await source(store.prisma));
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
          status: 200,
          headers: {
            'content-type': XLSX_TYPE,
            'content-length': String(body.length),
            'content-disposition': `attachment; filename="${kind}.xlsx"`,
            'cache-control': 'no-store',
          },
        }),
      );
    },
  };
}
