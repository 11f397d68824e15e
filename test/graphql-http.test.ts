// The GraphQL-over-HTTP conformance audits of the graphql-http package, run against the app
// through `yoga.fetch`: every MUST passes, and so does every SHOULD and MAY.
import { serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { bearer } from './support/auth.js';
import { app } from './support/client.js';
import { useFreshDatabase } from './support/database.js';

useFreshDatabase();

// The audits speak as a signed-in user: without credentials chibo answers only 401.
const audits = serverAudits({
  url: 'http://chibo.test/graphql',
  fetchFn: async (input: string, init?: RequestInit) => {
    const request = new Request(input, init);
    request.headers.set('authorization', await bearer());
    return app.fetch(request);
  },
});

describe('GraphQL over HTTP (graphql-http serverAudits)', () => {
  for (const audit of audits.filter((a) => a.name.startsWith('MUST'))) {
    it(audit.name, async () => {
      const result = await audit.fn();
      expect(result.status, result.status === 'ok' ? '' : result.reason).toBe('ok');
    });
  }

  it('passes every SHOULD and MAY audit as well', async () => {
    const notOk: string[] = [];
    for (const audit of audits.filter((a) => !a.name.startsWith('MUST'))) {
      const result = await audit.fn();
      if (result.status !== 'ok') notOk.push(`${audit.name}: ${result.reason}`);
    }
    expect(notOk).toEqual([]);
  });
});
