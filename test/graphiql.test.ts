// GraphiQL on a network without the internet: the page and every file it loads come from chibo
// itself. Checked over HTTP, and as a person uses it: headless Chromium opens the page, a query
// and a token go into its editors, and the answer shows in the result pane, while every request
// the browser makes is recorded and none may leave for another host.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { GRAPHIQL_ASSETS_PATH } from '../src/graphql/graphiql.js';
import { bearer, ROOT_ADMIN } from './support/auth.js';
import { app } from './support/client.js';
import { useFreshDatabase } from './support/database.js';

useFreshDatabase();

const CHROMIUM = '/usr/bin/chromium';
const chromiumPresent = existsSync(CHROMIUM);
// CI installs Chromium (.ci/run): there a missing browser fails the test rather than skipping it.
const runBrowser = chromiumPresent || process.env.CI === 'true';
if (!runBrowser) {
  console.warn(`The GraphiQL browser test is skipped: no Chromium at ${CHROMIUM}. Install it to run it: sudo apt-get install -y chromium (Debian).`);
}

const pageRequest = { headers: { accept: 'text/html' } };

/** The URLs the page itself names: scripts, styles, icons, and any absolute URL in it. */
function urlsOfPage(html: string): string[] {
  const attributes = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
  const absolute = [...html.matchAll(/\bhttps?:\/\/[^\s"'<>)]+/g)].map((match) => match[0]);
  return [...attributes, ...absolute];
}

describe('GraphiQL served by chibo', () => {
  it('names only files of this server, and serves each with its type, gzipped when asked', async () => {
    const page = await app.fetch('http://chibo.test/graphql', pageRequest);
    expect(page.status).toBe(200);
    const html = await page.text();
    const urls = urlsOfPage(html);
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const url of urls) expect(url, 'every file the page loads is one of chibo’s').toMatch(new RegExp(`^${GRAPHIQL_ASSETS_PATH}`));
    // The Monaco workers the script starts, named in the page too.
    const workers = [...html.matchAll(/"(\/graphiql\/[^"]+\.worker\.js)"/g)].map((match) => match[1]!);
    expect(workers).toHaveLength(3);

    const types: Record<string, RegExp> = { '.js': /^text\/javascript/, '.css': /^text\/css/, '.ico': /^image\// };
    for (const url of [...urls, ...workers]) {
      const plain = await app.fetch(`http://chibo.test${url}`);
      expect(plain.status, url).toBe(200);
      expect(plain.headers.get('content-type'), url).toMatch(types[path.extname(url)]!);
      expect(plain.headers.get('cache-control'), url).toContain('immutable');
      const body = Buffer.from(await plain.arrayBuffer());
      expect(body.length, url).toBeGreaterThan(1000);
      if (url.endsWith('.ico')) continue;
      // Read with undici's fetch the body would come unzipped; app.fetch hands it over as sent.
      const zipped = await app.fetch(`http://chibo.test${url}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(zipped.headers.get('content-encoding'), url).toBe('gzip');
      expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).equals(body), url).toBe(true);
    }
    expect((await app.fetch(`http://chibo.test${GRAPHIQL_ASSETS_PATH}nothing.js`)).status).toBe(404);
  });

  it('serves neither the page nor its files in production', async () => {
    const production = createApp({ development: false });
    const page = await production.fetch('http://chibo.test/graphql', pageRequest);
    expect(await page.text()).not.toContain('YogaGraphiQL');
    expect((await production.fetch(`http://chibo.test${GRAPHIQL_ASSETS_PATH}yoga-graphiql.js`)).status).toBe(404);
  });
});

describe.skipIf(!runBrowser)(`GraphiQL in headless Chromium (${CHROMIUM})`, () => {
  let server: Server;
  let origin: string;
  let profile: string;

  beforeAll(async () => {
    server = createServer(createApp({ development: true }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    profile = await mkdtemp(path.join(os.tmpdir(), 'chibo-chromium-'));
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('runs a query signed in with a token typed in its Headers tab, shows the answer, and asks no other host for anything', { timeout: 180_000 }, async () => {
    const { chromium } = await import('playwright-core');
    const authorization = await bearer(); // the central test ADMIN, created here
    // A new empty profile; the flags keep Chromium's own services (updates, sync, field trials) quiet.
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      // Every request of the page and its workers passes here: recorded, and refused unless it is for chibo.
      const requests: string[] = [];
      await browser.route('**/*', (route) => {
        const url = route.request().url();
        requests.push(url);
        return url.startsWith(`${origin}/`) ? route.continue() : route.abort('blockedbyclient');
      });
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.goto(`${origin}/graphql`);
      const foreign = () => requests.filter((url) => !url.startsWith(`${origin}/`));
      const operation = page.getByLabel('Operation Editor');
      await operation.waitFor({ timeout: 60_000 }).catch((error: Error) => {
        throw new Error(`GraphiQL did not load (${error.message.split('\n')[0]}); requests for other hosts: ${JSON.stringify(foreign())}`);
      });

      // Typed as text is pasted: the editors' closing brackets added while typing are cut after it.
      const replaceText = async (text: string) => {
        await page.keyboard.press('Control+A');
        await page.keyboard.insertText(text);
        await page.keyboard.press('Shift+Control+End');
        await page.keyboard.press('Delete');
      };
      await operation.click();
      await replaceText('{ me { email role } }');
      await page.getByRole('button', { name: 'Headers' }).click();
      await page.locator('.graphiql-editor-tool .graphiql-editor:visible').click();
      await replaceText(JSON.stringify({ Authorization: authorization }));
      await page.getByLabel('Execute query (Ctrl-Enter)').click();

      const result = page.getByLabel('Result Window');
      await result.getByText(ROOT_ADMIN).waitFor({ timeout: 60_000 });
      // Monaco shows spaces as no-break spaces.
      expect(JSON.parse((await result.innerText()).replaceAll('\u00a0', ' '))).toEqual({ data: { me: { email: ROOT_ADMIN, role: 'ADMIN' } } });

      // The page loaded its script, styles and the three editor workers from chibo. Monaco starts a
      // worker when an editor of its language first needs it, which on a busy machine may come a
      // moment after the answer shows: wait for them rather than read the list at once.
      const expected = ['yoga-graphiql.js', 'graphiql.css', 'editor.worker.js', 'json.worker.js', 'graphql.worker.js'].map((file) => `${origin}${GRAPHIQL_ASSETS_PATH}${file}`);
      await expect.poll(() => expected.filter((url) => !requests.includes(url)), { timeout: 30_000, interval: 250 }).toEqual([]);
      expect(foreign()).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
