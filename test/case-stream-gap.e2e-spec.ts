import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import * as path from 'node:path';
import { problemType } from '../apps/api/src/problems/problem-details';
import { SlaTimerScheduler } from '../apps/api/src/sla-timers/sla-timer-scheduler';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * A case's stream that lost an event from inside it (a row deleted from events.sqlite) while its
 * read models still hold it: the stream's end is still the one they applied, so the check of the
 * end did not see the loss. Commands answered 409 "retry it" for ever, If-Match 412 at whichever
 * revision was sent; with the opening event gone, commands answered 404 "not found" beside a
 * detail that shows the case, and `?asOf=` 404 "did not exist yet". Both are refused with 503
 * `storage-inconsistent`, as a stream that lost its end is; a stranger still gets the 404 of an
 * unknown case, and the detail and the marked history still answer.
 */
describe('a case whose stream lost an event from inside it', () => {
  const seeded = useSeededTestApp();
  let middle: string;
  let opening: string;
  let auditorToken: string;
  let strangerToken: string;
  let asOfNow: string;

  const stream = (caseId: string) => `case-${caseId}`;
  const request = (method: 'GET' | 'POST', url: string, token: string, extra: object = {}) =>
    seeded.t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...extra });
  const comment = (caseId: string, token: string, ifMatch?: string) =>
    request('POST', `/v1/cases/${caseId}/comments`, token, {
      payload: { body: 'Any news?' },
      ...(ifMatch ? { headers: { authorization: `Bearer ${token}`, 'if-match': ifMatch } } : {}),
    });
  const storedRevisions = async (caseId: string) =>
    (await seeded.t.runtime.storage.eventStore.readStream(stream(caseId))).map((event) => event.revision);

  beforeAll(async () => {
    const { send, world } = seeded;
    auditorToken = await seeded.t.token('audrey.auditor@vendor.example', ['auditor']);
    strangerToken = await seeded.t.token('mallory@elsewhere.example');
    middle = await openCase(send, world, 'Loses a comment');
    opening = await openCase(send, world, 'Loses its opening');
    for (const caseId of [middle, opening]) {
      for (let n = 1; n <= 4; n++) {
        seeded.t.clock.advance(60_000);
        const posted = await send('POST', `/v1/cases/${caseId}/comments`, world.customerToken, {
          body: `Still slow (${n})`,
        });
        expect(posted.status).toBe(201);
      }
    }
    asOfNow = seeded.t.clock.now().toISOString();
    // The read models applied every event of both.
    for (const caseId of [middle, opening]) {
      expect((await request('GET', `/v1/cases/${caseId}`, world.engineerToken)).json().revision).toBe(4);
    }

    const db = new Database(path.join(seeded.t.dataDir, 'events.sqlite'));
    try {
      const lose = db.prepare('DELETE FROM events WHERE stream = ? AND revision = ?');
      lose.run(stream(middle), 2);
      lose.run(stream(opening), 0);
    } finally {
      db.close();
    }
  });

  describe.each([
    ['lost a middle event', () => middle, { missingRevision: 2, foundRevision: 3 }, [0, 1, 3, 4]],
    ['lost its opening event', () => opening, { missingRevision: 0, foundRevision: 1 }, [1, 2, 3, 4]],
  ])('when the stream %s', (_name, caseId, gap, left) => {
    it('refuses a command with 503 storage-inconsistent naming the hole, not 409 "retry it" or 404, and writes nothing', async () => {
      const response = await comment(caseId(), seeded.world.engineerToken);
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBeUndefined();
      const problem = response.json();
      expect(problem).toMatchObject({
        type: problemType('storage-inconsistent'),
        status: 503,
        stream: stream(caseId()),
        ...gap,
      });
      expect(problem.detail).toContain('casetrail verify');
      expect(problem.detail).toContain('Nothing was written');
      expect(await storedRevisions(caseId())).toEqual(left);
    });

    it('refuses it with 503, not 412, at the revision the detail shows and at the one before', async () => {
      const etag = (await request('GET', `/v1/cases/${caseId()}`, seeded.world.engineerToken)).headers.etag;
      expect(etag).toBe('"4"');
      for (const ifMatch of ['"4"', '"3"']) {
        const response = await comment(caseId(), seeded.world.engineerToken, ifMatch);
        expect(response.statusCode).toBe(503);
        expect(response.json()).toMatchObject({ type: problemType('storage-inconsistent'), ...gap });
      }
      expect(await storedRevisions(caseId())).toEqual(left);
    });

    it("refuses the customer's command in plain words", async () => {
      const response = await comment(caseId(), seeded.world.customerToken);
      expect(response.statusCode).toBe(503);
      const problem = response.json();
      expect(problem.type).toBe(problemType('storage-inconsistent'));
      expect(problem.detail).toContain('This change cannot be made right now');
      expect(problem).not.toHaveProperty('stream');
      expect(problem).not.toHaveProperty('missingRevision');
    });

    it('refuses ?asOf= with 503 storage-inconsistent, not a state the case never had or "did not exist yet"', async () => {
      const response = await request('GET', `/v1/cases/${caseId()}?asOf=${asOfNow}`, auditorToken);
      expect(response.statusCode).toBe(503);
      const problem = response.json();
      expect(problem).toMatchObject({
        type: problemType('storage-inconsistent'),
        stream: stream(caseId()),
        ...gap,
      });
      expect(problem.detail).toContain('cannot be replayed from its stream');
      expect(problem.detail).not.toContain('Nothing was written');
      const customer = await request(
        'GET',
        `/v1/cases/${caseId()}?asOf=${asOfNow}`,
        seeded.world.customerToken,
      );
      expect(customer.statusCode).toBe(503);
      expect(customer.json()).not.toHaveProperty('stream');
    });

    it('answers 404 to someone who may not see the case, for commands and ?asOf= alike', async () => {
      expect((await comment(caseId(), strangerToken)).statusCode).toBe(404);
      expect((await comment(caseId(), strangerToken, '"4"')).statusCode).toBe(404);
      expect((await request('GET', `/v1/cases/${caseId()}?asOf=${asOfNow}`, strangerToken)).statusCode).toBe(
        404,
      );
    });

    it('still shows the detail as the read models applied it, and the history marks the hole', async () => {
      const detail = await request('GET', `/v1/cases/${caseId()}`, auditorToken);
      expect(detail.statusCode).toBe(200);
      expect(detail.json().revision).toBe(4);
      const history = await request('GET', `/v1/cases/${caseId()}/history`, auditorToken);
      expect(history.statusCode).toBe(200);
      // Marked, not refused: every entry from the hole on is `verified: false`, so what is left
      // does not pass for the whole story (a lost end, which the chain cannot show, is refused).
      const { integrity } = history.json();
      expect(integrity).toMatchObject({
        valid: false,
        brokenAt: {
          problem: 'revision-gap',
          revision: gap.foundRevision,
          expected: String(gap.missingRevision),
        },
      });
    });
  });

  // Last: these move the clock thirty days on and give the account Mission Critical cover.
  describe('process managers', () => {
    const logged = async (run: () => Promise<unknown>) => {
      const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      try {
        await run();
        return [...errors.mock.calls, ...warnings.mock.calls].map(([message]) => String(message));
      } finally {
        errors.mockRestore();
        warnings.mockRestore();
      }
    };
    const scheduler = () => seeded.t.app.get(SlaTimerScheduler, { strict: false });

    it('settle their SLA timers as not fired, naming the hole, instead of retrying them every round', async () => {
      seeded.t.clock.advance(30 * 24 * 60 * 60 * 1000);
      const first = await logged(() => scheduler().runDueTimers());
      for (const caseId of [middle, opening]) {
        const notFired = first.filter((line) => line.startsWith(`${caseId}|`));
        expect(notFired.length).toBeGreaterThan(0);
        expect(notFired.every((line) => line.includes('not fired') && line.includes('lacks'))).toBe(true);
      }
      expect(first.filter((line) => line.includes('retrying next round'))).toEqual([]);
      // Settled: the next round does not try them again.
      const next = await logged(() => scheduler().runDueTimers());
      expect(next.filter((line) => line.startsWith(`${middle}|`) || line.startsWith(`${opening}|`))).toEqual(
        [],
      );
      expect(await storedRevisions(middle)).toEqual([0, 1, 3, 4]);
      expect(await storedRevisions(opening)).toEqual([1, 2, 3, 4]);
    });

    it('count them among the cases not reviewed for Mission Critical cover', async () => {
      const { send, world } = seeded;
      const issued = await send('POST', `/v1/accounts/${world.accountId}/licences`, world.adminToken, {
        product: 'Sitefinity',
        edition: 'Online Marketing License',
        plan: 'mission-critical',
        activeUntil: '2099-12-31',
        seats: 5,
        holderEmail: 'boss@acme.example',
      });
      expect(issued.status).toBe(201);
      const lines = await logged(() => scheduler().reviewMissionCritical());
      const notReviewed = lines.find((line) => line.includes('not reviewed for Mission Critical cover'));
      expect(notReviewed).toContain('2 case(s) not reviewed');
      expect(notReviewed).toContain(middle);
      expect(notReviewed).toContain(opening);
      expect(await storedRevisions(middle)).toEqual([0, 1, 3, 4]);
    });
  });
});
