// GraphiQL served by chibo itself. Yoga's own page loads GraphiQL's script, styles and Monaco
// editor workers from a CDN, so on a network without the internet (as a Party committee's often
// is) it never gets past "Loading…". @graphql-yoga/render-graphiql ships the same bundle as
// strings; chibo serves each at a path of its own under /graphiql/<version>/, so the browser
// caches them and asks no other host for anything.
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

/** Where the files are served: the package's version in the path, so a new bundle is a new URL. */
const version = (createRequire(import.meta.url)('@graphql-yoga/render-graphiql/package.json') as { version: string }).version;
export const GRAPHIQL_ASSETS_PATH = `/graphiql/${version}/`;

interface Asset {
  body: Buffer;
  contentType: string;
  /** Made at the first request that accepts it: the script is 5 MB, about 1.3 MB gzipped. */
  gzipped?: Buffer;
}

type Bundle = typeof import('@graphql-yoga/render-graphiql/graphiql');

/** The files by name; the 9 MB module is loaded at the first page or file asked for, not at start-up. */
let assets: Promise<Map<string, Asset>> | undefined;

function loadAssets(): Promise<Map<string, Asset>> {
  assets ??= import('@graphql-yoga/render-graphiql/graphiql').then((bundle: Bundle) => {
    const script = (text: string): Asset => ({ body: Buffer.from(text), contentType: 'text/javascript; charset=utf-8' });
    const favicon = /^data:([^;,]+);base64,(.*)$/s.exec(bundle.favicon);
    return new Map<string, Asset>([
      ['yoga-graphiql.js', script(bundle.js)],
      ['graphiql.css', { body: Buffer.from(bundle.css), contentType: 'text/css; charset=utf-8' }],
      ['editor.worker.js', script(bundle.editorWorkerService)],
      ['json.worker.js', script(bundle.jsonWorker)],
      ['graphql.worker.js', script(bundle.graphqlWorker)],
      ...(favicon ? [['favicon.ico', { body: Buffer.from(favicon[2]!, 'base64'), contentType: favicon[1]! }] as const] : []),
    ]);
  });
  return assets;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** JSON inside a <script>: no "</script>" or "<!--" can end it early. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** GraphiQL's settings: its title, and a first query that says how to sign in. */
export const graphiqlOptions: GraphiQLOptions = {
  title: 'chibo — chất lượng sinh hoạt chi bộ',
  defaultQuery: `# Every request signs in. In a terminal: npm run token -- --email <your email>
# then put { "Authorization": "Bearer <the token>" } in Headers below, run this query,
# and re-fetch the schema (the circular arrows, bottom left) to browse the Docs.
{
  me { email role scopeUnit { name } }
}
`,
};

/** The page at GET /graphql (Accept: text/html): yoga's GraphiQL, every file from this server. */
export function renderGraphiQLPage(options: GraphiQLOptions = {}): string {
  const asset = (name: string) => `${GRAPHIQL_ASSETS_PATH}${name}`;
  const workers = { editorWorkerService: asset('editor.worker.js'), json: asset('json.worker.js'), graphql: asset('graphql.worker.js') };
  const title = escapeHtml(options.title ?? 'GraphiQL');
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="icon" href="${asset('favicon.ico')}">
<link rel="stylesheet" href="${asset('graphiql.css')}">
</head>
<body id="body" class="no-focus-outline">
<noscript>GraphiQL needs JavaScript.</noscript>
<div id="root">Loading ${title}…</div>
<script>
const workers = ${scriptJson(workers)};
self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_moduleId, label) => workers[label] };
</script>
<script src="${asset('yoga-graphiql.js')}"></script>
<script>YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), ${scriptJson(options)});</script>
</body>
</html>
`;
}

/** Serves GraphiQL's files at GRAPHIQL_ASSETS_PATH (development only, as GraphiQL itself). */
export function useGraphiQLAssets(): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(GRAPHIQL_ASSETS_PATH) || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      const asset = (await loadAssets()).get(url.pathname.slice(GRAPHIQL_ASSETS_PATH.length));
      if (!asset) {
        endResponse(new fetchAPI.Response('Not found', { status: 404 }));
        return;
      }
      const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '') && asset.contentType !== 'image/x-icon';
      if (gzip) asset.gzipped ??= gzipSync(asset.body);
      const body = gzip ? asset.gzipped! : asset.body;
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
          status: 200,
          headers: {
            'content-type': asset.contentType,
            'content-length': String(body.length),
            // The version is in the path: the file at this URL never changes.
            'cache-control': 'public, max-age=31536000, immutable',
            vary: 'accept-encoding',
            ...(gzip ? { 'content-encoding': 'gzip' } : {}),
          },
        }),
      );
    },
  };
}
