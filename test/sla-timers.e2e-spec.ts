import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CommandBus, EventBus, ofType } from '@nestjs/cqrs';
import { CASES, type CaseDocument } from '@casetrail/readmodels/cases/cases.projection';
import { slaTimerDocuments } from '@casetrail/readmodels/sla-timers/sla-timer-schedule';
import { runProjector, type ProjectorRunner } from '../apps/projector/src/run-projector';
import { openRuntime } from '../apps/api/src/runtime/open-runtime';
import type { Runtime } from '../apps/api/src/runtime/runtime';
import { CaseEventOccurred } from '../apps/api/src/sla-timers/case-event-occurred.event';
import { FireDueCaseTimers } from '../apps/api/src/sla-timers/fire-due-case-timers.command';
import { SlaTimerFirer } from '../apps/api/src/sla-timers/sla-timer-firer';
import { SlaTimerScheduler } from '../apps/api/src/sla-timers/sla-timer-scheduler';
import { projectionsCaughtUp, runDueTimers, later } from './support/due-timers';
import { startTestApp, TestApp, TestClock } from './support/test-app';

interface HistoryEvent {
  type: string;
  actor: string;
  correlationId: string;
  data: Record<string, unknown> & { at: string };
}

const CUSTOMER = 'jane.doe@acme.example';
const ENGINEER = 'eve@vendor.example';
const MINUTE = 60_000;

/** Drives one running app as a customer (who opens cases) and an engineer (who works them). */
class CaseDesk {
  private constructor(
    readonly t: TestApp,
    private readonly customer: string,
    private readonly engineer: string,
    private readonly licenceId: string,
  ) {}

  /** An account (UTC calendar) with an enterprise licence and an active licensed user. */
  static async setUp(t: TestApp): Promise<CaseDesk> {
    const admin = await t.token('admin@vendor.example', ['admin']);
    const customer = await t.token(CUSTOMER, [], 'Jane Doe');
    const send = (token: string, url: string, payload?: object) =>
      expectOk(t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload }));
    const account = await send(admin, '/v1/accounts', { name: 'Acme' });
    const licence = await send(admin, `/v1/accounts/${account.id}/licences`, {
      product: 'Sitefinity',
      edition: 'Online Marketing License',
      plan: 'enterprise',
      activeUntil: '2030-12-31',
      seats: 5,
      holderEmail: 'boss@acme.example',
    });
    await send(admin, `/v1/licences/${licence.id}/users`, {
      email: CUSTOMER,
      firstName: 'Jane',
      lastName: 'Doe',
      company: 'Acme',
      country: 'BG',
      permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
    });
    await send(customer, `/v1/licences/${licence.id}/users/${CUSTOMER}/activation`);
    return CaseDesk.onExistingData(t, licence.id);
  }

  /** The same people on an app started over data set up before (a restart). */
  static async onExistingData(t: TestApp, licenceId = ''): Promise<CaseDesk> {
    const customer = await t.token(CUSTOMER, [], 'Jane Doe');
    const engineer = await t.token(ENGINEER, ['engineer'], 'Eve Engineer');
    return new CaseDesk(t, customer, engineer, licenceId);
  }

  async openCase(): Promise<string> {
    const opened = await this.asCustomer('/v1/cases', {
      licenceId: this.licenceId,
      title: 'Checkout is slow',
      description: 'Since the upgrade, checkout takes a minute',
      severity: 2,
      channel: 'web',
    });
    return opened.id as string;
  }

  asCustomer(url: string, payload?: object) {
    return this.post(this.customer, url, payload);
  }

  asEngineer(url: string, payload?: object) {
    return this.post(this.engineer, url, payload);
  }

  async detail(caseId: string) {
    return expectOk(
      this.t.app.inject({
        method: 'GET',
        url: `/v1/cases/${caseId}`,
        headers: { authorization: `Bearer ${this.engineer}` },
      }),
    );
  }

  /** The escalations board's entries of the case in one of its views (`open`, `overdue`, `all`). */
  async boardEntries(caseId: string, state: 'open' | 'overdue' | 'all') {
    const board = await expectOk(
      this.t.app.inject({
        method: 'GET',
        url: `/v1/escalations?state=${state}`,
        headers: { authorization: `Bearer ${this.engineer}` },
      }),
    );
    return (board.items as { caseId: string }[]).filter((entry) => entry.caseId === caseId);
  }

  async history(caseId: string): Promise<HistoryEvent[]> {
    const response = await expectOk(
      this.t.app.inject({
        method: 'GET',
        url: `/v1/cases/${caseId}/history`,
        headers: { authorization: `Bearer ${this.engineer}` },
      }),
    );
    return response.events as HistoryEvent[];
  }

  async eventsOf(caseId: string, type: string): Promise<HistoryEvent[]> {
    return (await this.history(caseId)).filter((event) => event.type === type);
  }

  private post(token: string, url: string, payload?: object) {
    return expectOk(
      this.t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload }),
    );
  }
}

async function expectOk(request: Promise<{ statusCode: number; body: string; json(): any }>) {
  const response = await request;
  if (response.statusCode >= 300) throw new Error(`HTTP ${response.statusCode}: ${response.body}`);
  return response.json();
}

const schedulerOf = (t: TestApp) => t.app.get(SlaTimerScheduler);

/** Poll (no timing assertion: only a generous bound so a broken build fails instead of hanging). */
async function eventually(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('SLA timers: a durable process manager records what comes due, exactly once', () => {
  describe('in the running app', () => {
    let t: TestApp;
    let desk: CaseDesk;

    beforeAll(async () => {
      t = await startTestApp();
      desk = await CaseDesk.setUp(t);
    });

    afterAll(() => t.close());

    it('publishes the case events of the durable log on the Nest EventBus, and the saga reacts to them', async () => {
      const seen: string[] = [];
      const events = t.app
        .get(EventBus)
        .pipe(ofType(CaseEventOccurred))
        .subscribe((occurred) => seen.push(`${occurred.caseId} ${occurred.event.type}`));
      const commands = t.app
        .get(CommandBus)
        .pipe(ofType(FireDueCaseTimers))
        .subscribe((command) => seen.push(`${command.caseId} checked`));
      try {
        const caseId = await desk.openCase();
        await eventually(
          async () => seen.includes(`${caseId} CaseOpened`) && seen.includes(`${caseId} checked`),
        );
      } finally {
        events.unsubscribe();
        commands.unsubscribe();
      }
    });

    it('records the at-risk warning, then the breach, of a severity 2 case once each', async () => {
      const caseId = await desk.openCase();
      const { firstResponse } = (await desk.detail(caseId)).sla;

      t.clock.set(later(firstResponse.atRiskAt, MINUTE));
      await runDueTimers(t);
      t.clock.set(later(firstResponse.dueAt, MINUTE));
      await runDueTimers(t);
      const again = await runDueTimers(t);

      expect(again).toMatchObject({ active: true, recorded: 0 });
      const atRisk = await desk.eventsOf(caseId, 'SlaTargetAtRisk');
      const breached = await desk.eventsOf(caseId, 'SlaTargetBreached');
      expect(atRisk.map((event) => event.data.target)).toEqual(['first-response']);
      expect(breached.map((event) => event.data.target)).toEqual(['first-response']);
      expect(breached[0]).toMatchObject({
        actor: 'system:sla-timers',
        correlationId: `timer:${caseId}:first-response-breach:${firstResponse.dueAt}`,
        data: { dueAt: firstResponse.dueAt },
      });

      await projectionsCaughtUp(t);
      expect((await desk.detail(caseId)).sla.firstResponse.state).toBe('breached');
    });

    it('records an unacknowledged escalation as overdue once, then a missed status update once', async () => {
      const caseId = await desk.openCase();
      await desk.asCustomer(`/v1/cases/${caseId}/escalations`, {
        reason: 'production-impact',
        details: 'Orders are being lost',
      });
      const { acknowledgementDueAt } = (await desk.detail(caseId)).escalation;

      t.clock.set(later(acknowledgementDueAt, MINUTE));
      await runDueTimers(t);
      await runDueTimers(t);
      expect(await desk.eventsOf(caseId, 'EscalationAcknowledgementOverdue')).toHaveLength(1);

      await desk.asEngineer(`/v1/cases/${caseId}/escalations/acknowledgement`);
      const { nextStatusUpdateDueAt } = (await desk.detail(caseId)).escalation;
      t.clock.set(later(nextStatusUpdateDueAt, MINUTE));
      await runDueTimers(t);
      await runDueTimers(t);

      const overdue = await desk.eventsOf(caseId, 'EscalationStatusUpdateOverdue');
      expect(overdue).toHaveLength(1);
      expect(overdue[0].data).toMatchObject({ level: 1, dueAt: nextStatusUpdateDueAt });
      expect(await desk.eventsOf(caseId, 'EscalationAcknowledgementOverdue')).toHaveLength(1);
    });

    it('keeps a severity-1 status update due when it was after the severity is lowered and raised straight back, and records it overdue then', async () => {
      const caseId = await desk.openCase();
      await desk.asCustomer(`/v1/cases/${caseId}/escalations`, {
        reason: 'production-impact',
        details: 'Orders are being lost',
      });
      await desk.asEngineer(`/v1/cases/${caseId}/escalations/acknowledgement`);
      await desk.asEngineer(`/v1/cases/${caseId}/severity`, { severity: 1, reason: 'Production is down' });
      const { nextStatusUpdateDueAt } = (await desk.detail(caseId)).escalation;

      t.clock.set(later(nextStatusUpdateDueAt, -MINUTE));
      await desk.asEngineer(`/v1/cases/${caseId}/severity`, { severity: 2, reason: 'Workaround in place' });
      await desk.asEngineer(`/v1/cases/${caseId}/severity`, { severity: 1, reason: 'The workaround failed' });
      await projectionsCaughtUp(t);
      expect((await desk.detail(caseId)).escalation.nextStatusUpdateDueAt).toBe(nextStatusUpdateDueAt);

      t.clock.set(later(nextStatusUpdateDueAt, MINUTE));
      await runDueTimers(t);
      const overdue = await desk.eventsOf(caseId, 'EscalationStatusUpdateOverdue');
      expect(overdue.map((event) => event.data.dueAt)).toEqual([nextStatusUpdateDueAt]);
    });

    it('keeps an overdue acknowledgement due and overdue, on the board too, when the customer escalates again', async () => {
      const caseId = await desk.openCase();
      const escalate = (details: string) =>
        desk.asCustomer(`/v1/cases/${caseId}/escalations`, { reason: 'production-impact', details });
      await escalate('Orders are being lost');
      const { acknowledgementDueAt } = (await desk.detail(caseId)).escalation;
      t.clock.set(later(acknowledgementDueAt, MINUTE));
      await runDueTimers(t);

      await escalate('Nobody answered: now every order is lost');
      await runDueTimers(t);

      expect((await desk.detail(caseId)).escalation).toMatchObject({ level: 2, acknowledgementDueAt });
      expect(await desk.boardEntries(caseId, 'overdue')).toEqual([
        // Level 1's alert is inherited, not recorded again on level 2 (level 1's row keeps it).
        expect.objectContaining({
          level: 2,
          acknowledgementDueAt,
          overdue: true,
          overdueRecorded: 0,
          overdueCarried: 1,
        }),
      ]);
      expect(await desk.eventsOf(caseId, 'EscalationAcknowledgementOverdue')).toHaveLength(1);
    });

    it('keeps an overdue status update owed and overdue, on the board too, when the level is raised over an acknowledged escalation and the new level acknowledged', async () => {
      const caseId = await desk.openCase();
      const escalate = (details: string) =>
        desk.asCustomer(`/v1/cases/${caseId}/escalations`, { reason: 'production-impact', details });
      await escalate('Orders are being lost');
      await desk.asEngineer(`/v1/cases/${caseId}/escalations/acknowledgement`, { reason: 'On it' });
      const { nextStatusUpdateDueAt } = (await desk.detail(caseId)).escalation;
      t.clock.set(later(nextStatusUpdateDueAt, MINUTE));
      await runDueTimers(t);

      await escalate('No update came: now every order is lost');
      await runDueTimers(t);
      await projectionsCaughtUp(t);
      expect((await desk.detail(caseId)).escalation).toMatchObject({
        level: 2,
        acknowledgementDueAt: nextStatusUpdateDueAt,
      });
      // The update's alert carried (level 1's count: 1) and the new level's own acknowledgement alert.
      expect(await desk.boardEntries(caseId, 'overdue')).toEqual([
        expect.objectContaining({
          level: 2,
          acknowledgementDueAt: nextStatusUpdateDueAt,
          overdue: true,
          overdueRecorded: 1,
          overdueCarried: 1,
        }),
      ]);

      await desk.asEngineer(`/v1/cases/${caseId}/escalations/acknowledgement`, { reason: 'Still on it' });
      await runDueTimers(t);
      await projectionsCaughtUp(t);
      expect((await desk.detail(caseId)).escalation).toMatchObject({
        level: 2,
        status: 'acknowledged',
        nextStatusUpdateDueAt,
      });
      expect(await desk.boardEntries(caseId, 'overdue')).toEqual([
        expect.objectContaining({ level: 2, nextStatusUpdateDueAt, overdue: true }),
      ]);
      // The update's first alert was recorded once, at level 1: the acknowledgement did not renew it.
      expect(await desk.eventsOf(caseId, 'EscalationStatusUpdateOverdue')).toHaveLength(1);
    });

    it('closes a resolved case automatically once the quiet period has passed', async () => {
      const caseId = await desk.openCase();
      await desk.asEngineer(`/v1/cases/${caseId}/resolution`, { summary: 'Rebuilt the search index' });
      const { autoCloseAt } = await desk.detail(caseId);

      t.clock.set(later(autoCloseAt, MINUTE));
      await runDueTimers(t);
      await runDueTimers(t);

      const closed = await desk.eventsOf(caseId, 'CaseClosed');
      expect(closed).toHaveLength(1);
      expect(closed[0]).toMatchObject({ actor: 'system:sla-timers', data: { automatic: true } });
      await projectionsCaughtUp(t);
      expect((await desk.detail(caseId)).status).toBe('closed');
    });

    it('does not close a reopened case with the closure timer of its earlier resolution', async () => {
      const caseId = await desk.openCase();
      await desk.asEngineer(`/v1/cases/${caseId}/resolution`, { summary: 'Rebuilt the search index' });
      await projectionsCaughtUp(t);
      const resolved = await t.runtime.storage.readModels.get<CaseDocument>(CASES, caseId);
      const staleClosure = slaTimerDocuments(resolved!).find((timer) => timer.kind === 'auto-close');
      expect(staleClosure).toBeDefined();

      await desk.asCustomer(`/v1/cases/${caseId}/reopening`, { reason: 'It is slow again' });
      t.clock.set(later(staleClosure!.dueAt, MINUTE));
      await runDueTimers(t);
      // Even fired directly (as a scheduler behind on the timer table would), the stale timer closes nothing.
      const firing = await t.app.get(SlaTimerFirer).fire(staleClosure!, t.clock.now().toISOString());

      expect(firing).toEqual({ outcome: 'refused', events: [] });
      expect(await desk.eventsOf(caseId, 'CaseClosed')).toEqual([]);
      expect((await desk.detail(caseId)).status).toBe('in-progress');
    });
  });

  describe('across a restart', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-sla-restart-'));
    let restarted: TestApp | undefined;

    afterAll(async () => {
      await restarted?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('records a breach that came due while the app was stopped, once, as soon as it starts again', async () => {
      const first = await startTestApp({ dataDir });
      const desk = await CaseDesk.setUp(first);
      const caseId = await desk.openCase();
      const { dueAt } = (await desk.detail(caseId)).sla.firstResponse;
      expect(await desk.eventsOf(caseId, 'SlaTargetBreached')).toEqual([]);
      await first.close();

      const clock = new TestClock(new Date(later(dueAt, 5 * MINUTE)));
      restarted = await startTestApp({ dataDir, clock });
      const deskAfter = await CaseDesk.onExistingData(restarted);
      // Nobody calls the scheduler: its first round at start catches up.
      await eventually(async () => (await deskAfter.eventsOf(caseId, 'SlaTargetBreached')).length > 0);
      await runDueTimers(restarted);

      const breached = await deskAfter.eventsOf(caseId, 'SlaTargetBreached');
      expect(breached).toHaveLength(1);
      expect(breached[0].data).toMatchObject({
        target: 'first-response',
        dueAt,
        at: clock.now().toISOString(),
      });
      // Caught up after the due time, the warning is superseded by the breach: not recorded late.
      expect(await deskAfter.eventsOf(caseId, 'SlaTargetAtRisk')).toEqual([]);
    });
  });

  describe('in a separate projector process (EMBEDDED_PROJECTOR=false)', () => {
    let api: TestApp;
    let projectorRuntime: Runtime;
    let projector: ProjectorRunner;

    beforeAll(async () => {
      api = await startTestApp({ env: { EMBEDDED_PROJECTOR: 'false' } });
      // The projector's own connections to the same DATA_DIR, as a second process would have.
      projectorRuntime = await openRuntime(api.runtime.config);
      projector = await runProjector(projectorRuntime, { clock: api.clock, logger: false });
    });

    afterAll(async () => {
      await projector.stop();
      await projectorRuntime.storage.close();
      await api.close();
    });

    it('fires the timers there, not in the API', async () => {
      const desk = await CaseDesk.setUp(api);
      const caseId = await desk.openCase();
      const { dueAt } = (await desk.detail(caseId)).sla.firstResponse;
      api.clock.set(later(dueAt, MINUTE));

      await projector.catchUp();
      const round = await projector.processManagers!.get(SlaTimerScheduler).runDueTimers();
      // The projector holds the lease: the API's scheduler, asked anyway, stands by.
      const apiRound = await schedulerOf(api).runDueTimers();

      expect(round).toMatchObject({ active: true });
      expect(apiRound).toMatchObject({ active: false, fired: 0 });
      expect(await desk.eventsOf(caseId, 'SlaTargetBreached')).toHaveLength(1);
    });
  });
});
