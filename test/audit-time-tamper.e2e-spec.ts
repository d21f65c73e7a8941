import Database from 'better-sqlite3';
import * as path from 'node:path';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Someone with access to the event store's file moves a recorded time: the hash chain names the
 * event (its hash covers its recorded time), and as-of never folds a state the case did not have
 * (it cuts the stream at the first event recorded after the instant instead of picking events).
 */
describe('a recorded time edited in the file', () => {
  let t: TestApp;
  let engineer: string;
  let caseId: string;
  let history: { revision: number; time: string; type: string }[];
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.token('admin@vendor.example', ['admin']);
    engineer = await t.token('eve@vendor.example', ['engineer'], 'Eve Engineer');
    const customer = await t.token('jane.doe@acme.example', [], 'Jane Doe');
    const post = async (url: string, token: string, payload?: object) => {
      const response = await t.app.inject({ method: 'POST', url, headers: auth(token), payload });
      expect(response.statusCode).toBeLessThan(300);
      return response.json();
    };
    const account = await post('/v1/accounts', admin, { name: 'Acme' });
    const licence = await post(`/v1/accounts/${account.id}/licences`, admin, {
      product: 'Sitefinity',
      edition: 'OML',
      plan: 'enterprise',
      activeUntil: '2030-12-31',
      holderEmail: 'boss@acme.example',
    });
    await post(`/v1/licences/${licence.id}/users`, admin, {
      email: 'jane.doe@acme.example',
      firstName: 'Jane',
      lastName: 'Doe',
      company: 'Acme',
      country: 'BG',
      permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
    });
    await post(`/v1/licences/${licence.id}/users/jane.doe@acme.example/activation`, admin);
    caseId = (
      await post('/v1/cases', customer, {
        licenceId: licence.id,
        title: 'Checkout fails',
        description: 'HTTP 500 on checkout',
        severity: 2,
        channel: 'web',
      })
    ).id;
    // Apart in time, so every event has its own recorded instant; the last one changes the severity.
    for (let comment = 1; comment <= 6; comment++) {
      await pause();
      await post(`/v1/cases/${caseId}/comments`, engineer, { body: `Update ${comment}` });
    }
    await pause();
    await post(`/v1/cases/${caseId}/severity`, engineer, { severity: 3, reason: 'Cosmetic' });
    history = (
      await t.app.inject({ method: 'GET', url: `/v1/cases/${caseId}/history`, headers: auth(engineer) })
    ).json().events;
  });

  afterAll(() => t?.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: auth(engineer) });

  it('is exposed by the integrity check, and as-of shows a state the case had, not one it never had', async () => {
    const last = history.at(-1)!;
    expect(last).toMatchObject({ type: 'SeverityChanged' });
    expect(last.revision).toBeGreaterThanOrEqual(7);
    expect((await get(`/v1/cases/${caseId}/integrity`)).json()).toMatchObject({ valid: true });

    // The last event moved to between the opening and the first comment.
    const [opened, firstComment] = history;
    const moved = new Date((Date.parse(opened.time) + Date.parse(firstComment.time)) / 2).toISOString();
    expect(moved > opened.time && moved < firstComment.time).toBe(true);
    const db = new Database(path.join(t.dataDir, 'events.sqlite'));
    try {
      const edited = db
        .prepare('UPDATE events SET recorded_at = ? WHERE stream = ? AND revision = ?')
        .run(moved, `case-${caseId}`, last.revision);
      expect(edited.changes).toBe(1);
    } finally {
      db.close();
    }

    expect((await get(`/v1/cases/${caseId}/integrity`)).json()).toMatchObject({
      valid: false,
      brokenAt: { revision: last.revision, problem: 'hash-mismatch' },
    });
    // At the moved time the case had only its opening: severity 2 at revision 0. Picking the events
    // recorded by then would have folded the opening and the severity change without the comments.
    const asOf = await get(`/v1/cases/${caseId}?asOf=${encodeURIComponent(moved)}`);
    expect(asOf.statusCode).toBe(200);
    expect(asOf.json()).toMatchObject({ severity: 2, revision: 0, asOf: moved });
    // Later on, the stream is cut at its first event recorded after the instant, and the revision
    // is that of the last event folded (not a count of the events picked).
    const lastComment = history.at(-2)!;
    const justBefore = new Date(Date.parse(lastComment.time) - 1).toISOString();
    expect((await get(`/v1/cases/${caseId}?asOf=${encodeURIComponent(justBefore)}`)).json()).toMatchObject({
      severity: 2,
      revision: lastComment.revision - 1,
    });
    expect(
      (await get(`/v1/cases/${caseId}?asOf=${encodeURIComponent(lastComment.time)}`)).json(),
    ).toMatchObject({ severity: 3, revision: last.revision });
  });
});
