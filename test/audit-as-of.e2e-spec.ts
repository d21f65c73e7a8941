import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  accountDecider,
  calendarForAccount,
  DEFAULT_SUPPORT_POLICY,
  evolveCase,
  initialCaseState,
  type AccountEvent,
  type AccountState,
  type CaseEvent,
  type CaseState,
} from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';
import { ProjectionRunner } from '@casetrail/readmodels';
import { accountsProjection } from '@casetrail/readmodels/accounts/accounts.projection';
import { caseDetail } from '@casetrail/readmodels/cases/case-detail';
import { casesProjection } from '@casetrail/readmodels/cases/cases.projection';
import { licencesProjection } from '@casetrail/readmodels/licences/licences.projection';
import { generateDataset, readAllEvents } from './support/dataset/generated-dataset';
import { startTestApp, TestApp, TestClock } from './support/test-app';

/**
 * As-of queries on simulated histories (events recorded at their simulated instants): at every
 * event boundary of a case, `GET /v1/cases/{id}?asOf=` equals folding the case's events that
 * happened up to that instant (their `at`, when each was decided), and a millisecond before the
 * boundary it still shows the previous state.
 */
describe('As-of at every event boundary', () => {
  const END = '2026-03-01T00:00:00.000Z';
  let dataDir: string;
  let t: TestApp;
  let token: string;
  let richest: RecordedEvent[][];
  const accountEvents = new Map<string, RecordedEvent[]>();

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-asof-'));
    await generateDataset(dataDir, { cases: 300, end: END, days: 30, seed: 7 });
    t = await startTestApp({
      env: { DATA_DIR: dataDir, EMBEDDED_PROJECTOR: 'false' },
      clock: new TestClock(new Date(END)),
    });
    const runner = new ProjectionRunner({
      eventStore: t.runtime.storage.eventStore,
      readModels: t.runtime.storage.readModels,
      projections: [accountsProjection, licencesProjection, casesProjection],
      batchSize: 5_000,
    });
    for (const projection of ['accounts', 'licences', 'cases']) await runner.rebuild(projection);
    await runner.stop();
    token = await t.token('audrey@vendor.example', ['auditor']);
    const byStream = new Map<string, RecordedEvent[]>();
    for (const event of await readAllEvents(t.runtime.storage.eventStore)) {
      if (event.stream.startsWith('account-')) {
        accountEvents.set(event.stream, [...(accountEvents.get(event.stream) ?? []), event]);
      }
      if (!event.stream.startsWith('case-')) continue;
      byStream.set(event.stream, [...(byStream.get(event.stream) ?? []), event]);
    }
    richest = [...byStream.values()].sort((a, b) => b.length - a.length).slice(0, 25);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const asOf = (caseId: string, instant: string) =>
    t.app.inject({
      method: 'GET',
      url: `/v1/cases/${caseId}?asOf=${instant}`,
      headers: { authorization: `Bearer ${token}` },
    });

  /** When an event happened: its `at` (case and account events carry one), else when it was recorded. */
  const happened = (event: RecordedEvent) => (event.data as { at?: string }).at ?? event.recordedAt;

  /** Events that happened by `instant`. */
  const upTo = (events: RecordedEvent[], instant: string) =>
    events.filter((event) => happened(event) <= instant);

  /** The case folded from its events up to `instant`, viewed at `instant`, with its account's case team then. */
  function folded(events: RecordedEvent[], instant: string) {
    const caseEvents = upTo(events, instant);
    const state = caseEvents.reduce<CaseState>(
      (current, event) => evolveCase(current, { type: event.type, data: event.data } as CaseEvent),
      initialCaseState,
    );
    if (state.status === 'none') return undefined;
    const account = upTo(accountEvents.get(`account-${state.accountId}`) ?? [], instant).reduce<AccountState>(
      (current, event) =>
        accountDecider.evolve(current, { type: event.type, data: event.data } as AccountEvent),
      accountDecider.initialState,
    );
    const team =
      account.status === 'registered'
        ? account.caseTeam.map(({ email, name, notify }) => ({ email, name, notify }))
        : [];
    const calendar = calendarForAccount(DEFAULT_SUPPORT_POLICY, state.timeZone);
    return { ...caseDetail(state, caseEvents.length - 1, instant, calendar), team, asOf: instant };
  }

  it('equals the fold of the events that happened up to each boundary, and the previous state a millisecond before it', async () => {
    let boundaries = 0;
    for (const events of richest) {
      const caseId = events[0].stream.slice('case-'.length);
      const instants = [...new Set(events.map(happened))];
      for (const instant of instants) {
        const before = new Date(Date.parse(instant) - 1).toISOString();
        const [at, justBefore] = await Promise.all([asOf(caseId, instant), asOf(caseId, before)]);
        expect(at.statusCode).toBe(200);
        expect(at.json()).toEqual(folded(events, instant));
        const previous = folded(events, before);
        if (previous) expect(justBefore.json()).toEqual(previous);
        else expect(justBefore.statusCode).toBe(404);
        boundaries += 1;
      }
    }
    expect(boundaries).toBeGreaterThan(25 * 10);
  });

  it('refuses an instant in the future, or without a time zone offset, naming asOf', async () => {
    const caseId = richest[0][0].stream.slice('case-'.length);
    for (const instant of ['2099-01-01T00:00:00Z', '2026-01-15T10:00:00']) {
      const response = await asOf(caseId, encodeURIComponent(instant));
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors).toEqual([expect.objectContaining({ field: 'asOf' })]);
    }
  });

  it('takes what RFC 3339 takes: lower-case t and z, any four-digit year', async () => {
    const events = richest[0];
    const caseId = events[0].stream.slice('case-'.length);
    const last = happened(events.at(-1)!);
    const lowerCase = await asOf(caseId, encodeURIComponent(last.replace('T', 't').replace('Z', 'z')));
    expect(lowerCase.statusCode).toBe(200);
    expect(lowerCase.json()).toEqual(folded(events, last));
    // Before the case existed, whatever the year: 404, not a refusal of the instant.
    for (const instant of ['0001-01-01T00:00:00Z', '0999-01-01T00:00:00Z'])
      expect((await asOf(caseId, encodeURIComponent(instant))).statusCode).toBe(404);
  });

  it('the history refuses a query parameter (it has none), so ?asOf= is never mistaken for a past history', async () => {
    const caseId = richest[0][0].stream.slice('case-'.length);
    const response = await t.app.inject({
      method: 'GET',
      url: `/v1/cases/${caseId}/history?asOf=2026-01-15T10:00:00Z`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'asOf' })]);
  });

  it('at the last boundary equals the live detail read at that instant', async () => {
    for (const events of richest.slice(0, 5)) {
      const caseId = events[0].stream.slice('case-'.length);
      const last = happened(events[events.length - 1]);
      t.clock.set(last);
      const live = await t.app.inject({
        method: 'GET',
        url: `/v1/cases/${caseId}`,
        headers: { authorization: `Bearer ${token}` },
      });
      // What the caller may do now, and whether staff vouch for the assignee now, are live only.
      const {
        team: _team,
        allowedActions: _allowedActions,
        assigneeVouched: _vouched,
        assigneeNotVouchedReason: _why,
        ...liveDetail
      } = live.json();
      const { team: _none, asOf: _asOf, ...asOfDetail } = (await asOf(caseId, last)).json();
      expect(asOfDetail).toEqual(liveDetail);
    }
  });
});
