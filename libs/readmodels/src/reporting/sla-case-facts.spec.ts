import fc from 'fast-check';
import {
  caseDecider,
  caseTimers,
  commandForTimer,
  DomainError,
  evaluateTarget,
  isActive,
  MISSION_CRITICAL_REVIEW_ACTOR,
  openEscalation,
  type CaseActor,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type OpenedCase,
} from '@casetrail/domain';
import { actors, commands, context, plus, T0 } from '@casetrail/domain/cases/testing/case-fixtures';
import { caseDocument, type CaseDocument } from '../cases/cases.projection';
import { NOT_AT_RISK } from '../sla/at-risk-windows';
import { NO_DEADLINE } from './reporting-collections';
import { nextCaseFacts, type SlaCaseFacts, type Span } from './sla-case-facts';
import { targetFacts } from './target-facts';

const people: CaseActor[] = [actors.alice, actors.engineer, actors.csm];

/** A random command at `at`; many are refused by the decider, which is fine. */
const commandAt = (at: string): fc.Arbitrary<CaseCommand> =>
  fc
    .tuple(
      fc.constantFrom(...people),
      fc.integer({ min: 0, max: 12 }),
      fc.boolean(),
      fc.integer({ min: 1, max: 3 }),
    )
    .map(([actor, pick, flag, severity]): CaseCommand => {
      const base = { caseId: 'case-1', actor, at };
      switch (pick) {
        case 0:
          return commands.comment({
            ...base,
            commentId: `c-${at}`,
            internal: flag && actor !== actors.alice,
          });
        case 1:
          return commands.changeSeverity({
            ...base,
            actor: actors.engineer,
            severity: severity as 1 | 2 | 3,
          });
        case 2:
          return commands.escalate({ ...base, reason: 'production-impact' });
        case 3:
          return { type: 'AcknowledgeEscalation', ...base };
        case 4:
          return { type: 'DeEscalate', ...base, reason: 'Calmer now' };
        case 5:
          return { type: 'RequestInformation', ...base, actor: actors.engineer };
        case 6:
          return commands.resolve({ ...base, actor: actors.engineer });
        case 7:
          return { type: 'CloseCase', ...base };
        case 8:
          return commands.reopen(base);
        case 9:
          return {
            type: 'RedirectCase',
            ...base,
            actor: actors.engineer,
            to: 'consulting',
            referral: 'Elsewhere',
          };
        case 10:
          return { type: 'PostEscalationStatusUpdate', ...base, body: 'Update' };
        case 11:
          // The account's cover flips (see `play`): bought, or lapsed with its licence.
          return { type: 'ReviewMissionCritical', ...base, actor: MISSION_CRITICAL_REVIEW_ACTOR };
        default:
          return commands.comment({ ...base, actor: actors.alice, commentId: `c-${at}`, internal: false });
      }
    });

/** An opening, then commands at growing instants (minutes to days apart), with due timers fired in between. */
const scenario = fc
  .tuple(
    fc.integer({ min: 1, max: 3 }),
    fc.array(fc.integer({ min: 1, max: 60 * 60 }), { minLength: 1, maxLength: 14 }),
  )
  .chain(([severity, gaps]) => {
    let minutes = 0;
    const instants = gaps.map((gap) => plus(T0, { minutes: (minutes += gap) }));
    return fc.tuple(fc.constant(severity as 1 | 2 | 3), fc.tuple(...instants.map(commandAt)));
  });

interface Step {
  event: CaseEvent;
  state: OpenedCase;
}

/** A guard against a timer that never stops coming due, far above what 60 hours of reminders make. */
const MAX_TIMERS_BETWEEN_COMMANDS = 1_000;

/** Decides the scenario, firing each timer that fell due before the next command, as the process manager would. */
function play(severity: 1 | 2 | 3, later: CaseCommand[]): Step[] {
  const opening =
    severity === 1
      ? commands.openCase({
          actor: actors.engineer,
          onBehalfOf: actors.alice.email,
          channel: 'phone',
          severity,
        })
      : commands.openCase({ severity });
  const steps: Step[] = [];
  let state: CaseState = caseDecider.initialState;
  const run = (command: CaseCommand) => {
    let events: CaseEvent[];
    try {
      const cover = state.status !== 'none' && !state.missionCritical;
      events = caseDecider.decide(command, state, context({ accountMissionCritical: cover }));
    } catch (error) {
      if (error instanceof DomainError) return;
      throw error;
    }
    for (const event of events) {
      state = caseDecider.evolve(state, event);
      steps.push({ event, state: state as OpenedCase });
    }
  };
  run(opening);
  for (const command of later) {
    // Every timer due before the command, however many: an escalation left unacknowledged for days
    // is reminded again and again (backing off to once a day), and a capped loop left the rest to fire
    // after the command, back in time.
    for (let fired = 0; fired < MAX_TIMERS_BETWEEN_COMMANDS; fired++) {
      const timer = caseTimers(state)[0];
      if (!timer || timer.fireAt > command.at) break;
      run(commandForTimer('case-1', timer, timer.fireAt));
    }
    run(command);
  }
  return steps;
}

/**
 * Breached now / at risk per the domain's own evaluation, for comparison with the indexed instants.
 * At risk whatever the other target: one may be overdue while the other is at risk.
 */
function domainView(state: OpenedCase, now: string) {
  const targets = [state.targets.firstResponse, state.targets.resolution];
  const breachedNow =
    isActive(state) &&
    targets.some((target) => !target.metAt && evaluateTarget(target, now).state === 'breached');
  const atRisk = isActive(state) && targets.some((target) => evaluateTarget(target, now).atRisk);
  return { breachedNow, atRisk };
}

/** The dashboard's range conditions, restated on the stored fields. */
function factsView(facts: SlaCaseFacts, now: string) {
  const within = (from: string, until: string) => from <= now && now < until;
  return {
    breachedNow: facts.unmetDueAt <= now,
    atRisk:
      facts.atRiskFrom <= now &&
      (within(facts.firstResponseAtRiskFrom, facts.firstResponseAtRiskUntil) ||
        within(facts.resolutionAtRiskFrom, facts.resolutionAtRiskUntil)),
  };
}

/** The breaching and at-risk queues' conditions (apps/api/src/queues/queue-definitions.ts), restated. */
function queuesView(row: CaseDocument, now: string) {
  const within = (from: string, until: string) => from <= now && now < until;
  return {
    breachedNow: row.active && row.nextDueAt <= now,
    atRisk:
      row.active &&
      row.nextAtRiskAt <= now &&
      (within(row.firstResponseAtRiskFrom, row.firstResponseAtRiskUntil) ||
        within(row.resolutionAtRiskFrom, row.resolutionAtRiskUntil)),
  };
}

/** Instants where the answers change: every target's due and at-risk instants, a millisecond either side. */
function probeInstants(state: OpenedCase, at: string): string[] {
  const shift = (instant: string, ms: number) => new Date(Date.parse(instant) + ms).toISOString();
  const marks = [state.targets.firstResponse, state.targets.resolution].flatMap((target) => [
    target.dueAt,
    target.atRiskAt,
  ]);
  return [at, ...marks.flatMap((mark) => [shift(mark, -1), mark, shift(mark, 1)])].filter(
    (instant) => instant >= at,
  );
}

describe('SLA case facts', () => {
  it('follow the case as evolveCase does: status, severity, targets, first response, resolution, escalation, Mission Critical cover', () => {
    fc.assert(
      fc.property(scenario, ([severity, later]) => {
        let facts: SlaCaseFacts | undefined;
        for (const { event, state } of play(severity, later)) {
          facts = nextCaseFacts(facts, event)!;
          expect(facts).toMatchObject({
            status: state.status,
            severity: state.severity,
            active: isActive(state),
            firstResponseAt: state.firstResponseAt ?? null,
            resolvedAt: state.status === 'resolved' || state.status === 'closed' ? state.resolvedAt : null,
            firstResponse: targetFacts(state.targets.firstResponse),
            resolution: targetFacts(state.targets.resolution),
            openEscalation: openEscalation(state) !== undefined,
            escalationLevel: state.escalationCount,
            missionCritical: state.missionCritical,
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answer "breached now" and "at risk" at any later instant exactly as evaluateTarget does, as the cases row does', () => {
    fc.assert(
      fc.property(scenario, ([severity, later]) => {
        let facts: SlaCaseFacts | undefined;
        // A reader's now is past every event recorded so far: a timer's alert is dated at its due
        // time and may be recorded after later events (a breach the state already holds).
        let recordedUpTo = '';
        for (const [revision, { event, state }] of play(severity, later).entries()) {
          facts = nextCaseFacts(facts, event)!;
          const row = caseDocument(state, { revision, id: `e-${revision}` }, false);
          if (event.data.at > recordedUpTo) recordedUpTo = event.data.at;
          for (const now of probeInstants(state, recordedUpTo)) {
            const expected = domainView(state, now);
            expect(factsView(facts, now)).toEqual(expected);
            expect(queuesView(row, now)).toEqual(expected);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keep the spans the case spent with support (new or in progress), closed at each hand-over', () => {
    fc.assert(
      fc.property(scenario, ([severity, later]) => {
        let facts: SlaCaseFacts | undefined;
        const spans: Span[] = [];
        let since: string | null = null;
        for (const { event, state } of play(severity, later)) {
          facts = nextCaseFacts(facts, event)!;
          const withSupport = state.status === 'new' || state.status === 'in-progress';
          if (withSupport && since === null) since = event.data.at;
          if (!withSupport && since !== null) {
            spans.push([since, event.data.at]);
            since = null;
          }
          expect(facts.supportSpans).toEqual(spans);
          expect(facts.withSupportSince).toBe(since);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('ignore events of a case that was never opened, like evolveCase', () => {
    const comment: CaseEvent = {
      type: 'CommentAdded',
      data: {
        caseId: 'x',
        at: T0,
        by: 'a@b.example',
        commentId: 'c',
        body: 'b',
        internal: false,
        byStaff: false,
      },
    };
    expect(nextCaseFacts(undefined, comment)).toBeUndefined();
  });

  it('leave a redirected case neither breached nor at risk, whatever its clocks say', () => {
    const noWindows = {
      atRiskFrom: NOT_AT_RISK,
      firstResponseAtRiskFrom: NOT_AT_RISK,
      firstResponseAtRiskUntil: NOT_AT_RISK,
      resolutionAtRiskFrom: NOT_AT_RISK,
      resolutionAtRiskUntil: NOT_AT_RISK,
    };
    const steps = play(3, [
      {
        type: 'RedirectCase',
        caseId: 'case-1',
        actor: actors.engineer,
        at: plus(T0, { hours: 1 }),
        to: 'consulting',
        referral: 'Consulting',
      },
    ]);
    const facts = steps.reduce<SlaCaseFacts | undefined>(
      (current, { event }) => nextCaseFacts(current, event),
      undefined,
    )!;
    expect(facts).toMatchObject({
      status: 'redirected',
      active: false,
      unmetDueAt: NO_DEADLINE,
      ...noWindows,
    });
    // The redirection stopped the clock; one recorded before redirections carried their targets
    // left it running, and the case is still neither breached nor at risk.
    expect(facts.resolution.state).toBe('met');
    const legacy = steps.map(({ event }) => {
      if (event.type !== 'CaseRedirected') return event;
      const { targets: _stopped, ...data } = event.data;
      return { ...event, data };
    });
    const legacyFacts = legacy.reduce<SlaCaseFacts | undefined>(nextCaseFacts, undefined)!;
    expect(legacyFacts.resolution.state).toBe('running');
    expect(legacyFacts).toMatchObject({ active: false, unmetDueAt: NO_DEADLINE, ...noWindows });
  });
});
