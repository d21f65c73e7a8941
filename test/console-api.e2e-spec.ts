import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startTestApp, TestApp } from './support/test-app';

/**
 * What the API does for the console: serves the built page at `/` with caching and a Content
 * Security Policy, tells the page how to sign in, and verifies a case's hash chain on request.
 */
describe('API for the support console', () => {
  let t: TestApp;
  let consoleDir: string;
  const previousConsoleDir = process.env.CONSOLE_DIR;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    // A stand-in for Vite's output: the module serves whatever the build wrote.
    consoleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-console-dist-'));
    fs.mkdirSync(path.join(consoleDir, 'assets'));
    fs.writeFileSync(
      path.join(consoleDir, 'index.html'),
      '<!doctype html><title>Casetrail console</title><script type="module" src="/assets/index-abc123.js"></script>',
    );
    fs.writeFileSync(path.join(consoleDir, 'assets', 'index-abc123.js'), 'console.log("console");');
    fs.writeFileSync(path.join(consoleDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    process.env.CONSOLE_DIR = consoleDir;
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
    fs.rmSync(consoleDir, { recursive: true, force: true });
    if (previousConsoleDir === undefined) delete process.env.CONSOLE_DIR;
    else process.env.CONSOLE_DIR = previousConsoleDir;
  });

  describe('static console', () => {
    it('serves the page at / to anyone, revalidated on every load, under a strict Content Security Policy', async () => {
      const page = await t.app.inject({ method: 'GET', url: '/' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('Casetrail console');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(page.headers['x-content-type-options']).toBe('nosniff');
    });

    it('lets browsers keep the hashed assets for a year', async () => {
      const asset = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['content-type']).toContain('javascript');
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect((await t.app.inject({ method: 'GET', url: '/favicon.svg' })).headers['cache-control']).toBe(
        'no-cache',
      );
    });

    it('leaves every other path to the API: unknown ones are problem+json 404s, API routes still need a token', async () => {
      const missing = await t.app.inject({ method: 'GET', url: '/assets/nothing-here.js' });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      const unknownApi = await t.app.inject({ method: 'GET', url: '/v1/nonsense' });
      expect(unknownApi.statusCode).toBe(404);
      expect(unknownApi.headers['content-type']).toContain('application/problem+json');
      expect((await t.app.inject({ method: 'GET', url: '/v1/cases' })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    });
  });

  it("tells the page how to sign in, what time the server has and the policy's severity names, without a token", async () => {
    t.clock.set('2026-03-02T09:00:00.000Z');
    const config = await t.app.inject({ method: 'GET', url: '/console/config' });
    expect(config.statusCode).toBe(200);
    expect(config.json()).toEqual({
      signIn: { mode: 'embedded' },
      serverTime: '2026-03-02T09:00:00.000Z',
      severities: [
        { severity: 1, name: 'Production System Down' },
        { severity: 2, name: 'Restricted Operations' },
        { severity: 3, name: 'Question / Inconvenience / Cosmetic' },
      ],
    });
  });

  describe('GET /v1/cases/{id}/integrity', () => {
    let caseId: string;
    let tokens: Record<'admin' | 'engineer' | 'auditor' | 'customer' | 'stranger', string>;

    beforeAll(async () => {
      tokens = {
        admin: await t.token('admin@vendor.example', ['admin']),
        engineer: await t.token('eve@vendor.example', ['engineer'], 'Eve Engineer'),
        auditor: await t.token('audrey@vendor.example', ['auditor']),
        customer: await t.token('jane.doe@acme.example', [], 'Jane Doe'),
        stranger: await t.token('mallory@evil.example'),
      };
      const post = async (url: string, token: string, payload?: object) => {
        const response = await t.app.inject({
          method: 'POST',
          url,
          headers: auth(token),
          ...(payload ? { payload } : {}),
        });
        expect(response.statusCode).toBeLessThan(300);
        return response.json();
      };
      const account = await post('/v1/accounts', tokens.admin, { name: 'Acme' });
      const licence = await post(`/v1/accounts/${account.id}/licences`, tokens.admin, {
        product: 'Sitefinity',
        edition: 'OML',
        plan: 'enterprise',
        activeUntil: '2030-12-31',
        holderEmail: 'boss@acme.example',
      });
      await post(`/v1/licences/${licence.id}/users`, tokens.admin, {
        email: 'jane.doe@acme.example',
        firstName: 'Jane',
        lastName: 'Doe',
        company: 'Acme',
        country: 'BG',
        permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
      });
      await post(`/v1/licences/${licence.id}/users/jane.doe@acme.example/activation`, tokens.customer);
      caseId = (
        await post('/v1/cases', tokens.customer, {
          licenceId: licence.id,
          title: 'Checkout fails',
          description: 'HTTP 500',
          severity: 2,
          channel: 'web',
        })
      ).id;
      await post(`/v1/cases/${caseId}/comments`, tokens.engineer, { body: 'Looking into it' });
      await post(`/v1/cases/${caseId}/severity`, tokens.engineer, {
        severity: 3,
        reason: 'Cosmetic after all',
      });
    });

    it('reports an intact chain with the last hash to whoever may see the case', async () => {
      const history = (
        await t.app.inject({
          method: 'GET',
          url: `/v1/cases/${caseId}/history`,
          headers: auth(tokens.engineer),
        })
      ).json();
      for (const token of [tokens.engineer, tokens.auditor, tokens.customer]) {
        const report = await t.app.inject({
          method: 'GET',
          url: `/v1/cases/${caseId}/integrity`,
          headers: auth(token),
        });
        expect(report.statusCode).toBe(200);
        expect(report.json()).toMatchObject({
          caseId,
          valid: true,
          events: history.events.length,
          lastHash: history.events.at(-1).hash,
        });
      }
    });

    it('answers 404 for a case the caller may not see, or that does not exist', async () => {
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: `/v1/cases/${caseId}/integrity`,
            headers: auth(tokens.stranger),
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/v1/cases/00000000-0000-4000-8000-000000000000/integrity',
            headers: auth(tokens.engineer),
          })
        ).statusCode,
      ).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: `/v1/cases/${caseId}/integrity` })).statusCode).toBe(
        401,
      );
    });

    it('names the first event whose stored content no longer matches its hash', async () => {
      // Someone with access to the database file edits the case's opening event behind the API's back.
      const db = new Database(path.join(t.dataDir, 'events.sqlite'));
      try {
        db.prepare(
          "UPDATE events SET data = json_set(data, '$.title', 'Nothing happened') WHERE stream = ? AND revision = 0",
        ).run(`case-${caseId}`);
      } finally {
        db.close();
      }
      const report = await t.app.inject({
        method: 'GET',
        url: `/v1/cases/${caseId}/integrity`,
        headers: auth(tokens.auditor),
      });
      expect(report.json()).toMatchObject({
        caseId,
        valid: false,
        brokenAt: { revision: 0, problem: 'hash-mismatch' },
      });
      expect(report.json().lastHash).toBeUndefined();
    });
  });
});
