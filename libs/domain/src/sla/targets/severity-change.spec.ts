import { DEFAULT_SUPPORT_POLICY } from '../../policy/default-support-policy';
import { parseSupportPolicy } from '../../policy/parse-support-policy';
import type { Severity } from '../../policy/support-vocabulary';
import { defaultBusinessCalendar } from '../calendar/business-calendar';
import { evaluateTarget } from './evaluate-target';
import { pauseTarget, resumeTarget } from './pause-resume';
import { recomputeTargetsOnSeverityChange } from './severity-change';
import type { SlaTarget, SlaTargets } from './sla-target';
import { startTargets } from './start-targets';
import { nextDueTimers } from './sla-timers';
import { atRiskWarningOwed, markTargetBreached, meetTarget } from './stop-targets';

const policy = DEFAULT_SUPPORT_POLICY;
const calendar = defaultBusinessCalendar();
// Monday 3 June 2024, 09:00 UTC.
const openedAt = '2024-06-03T09:00:00Z';

function open(severity: Severity): SlaTargets {
  return startTargets({ severity, openedAt, policy, calendar });
}

function change(
  targets: SlaTargets,
  oldSeverity: Severity,
  newSeverity: Severity,
  changedAt: string,
  usePolicy = policy,
) {
  return recomputeTargetsOnSeverityChange({
    targets,
    oldSeverity,
    newSeverity,
    changedAt,
    openedAt,
    policy: usePolicy,
    calendar,
  });
}

describe('recomputeTargetsOnSeverityChange', () => {
  describe('upgrade (to a more severe level)', () => {
    it('restarts unmet clocks from the change under the new goals', () => {
      const { direction, before, after } = change(open(3), 3, 1, '2024-06-03T15:00:00Z');
      expect(direction).toBe('upgrade');
      expect(before).toEqual(open(3));
      expect(after.firstResponse).toMatchObject({
        severity: 1,
        goal: { amount: 1, unit: 'hours', clock: 'wall' },
        startedAt: '2024-06-03T15:00:00.000Z',
        atRiskAt: '2024-06-03T15:45:00.000Z',
        dueAt: '2024-06-03T16:00:00.000Z',
        state: 'running',
        policyVersion: policy.version,
      });
      // Seven business days from Monday 15:00.
      expect(after.resolution).toMatchObject({ severity: 1, dueAt: '2024-06-12T15:00:00.000Z' });
    });

    it('never makes a case breached retroactively', () => {
      // 23 hours after opening, far beyond the severity 1 response goal of one hour.
      const changedAt = '2024-06-04T08:00:00Z';
      const { after } = change(open(3), 3, 1, changedAt);
      expect(after.firstResponse.dueAt).toBe('2024-06-04T09:00:00.000Z');
      expect(evaluateTarget(after.firstResponse, changedAt).state).toBe('running');
    });

    it('restarts a paused resolution clock paused, counting from the resume', () => {
      const targets = open(3);
      const paused = { ...targets, resolution: pauseTarget(targets.resolution, '2024-06-04T09:00:00Z') };
      const { after } = change(paused, 3, 2, '2024-06-05T09:00:00Z');
      expect(after.resolution).toMatchObject({ state: 'paused', startedAt: '2024-06-05T09:00:00.000Z' });
      // Resumed on Thursday 6 June 09:00: 14 business days later.
      expect(resumeTarget(after.resolution, '2024-06-06T09:00:00Z', calendar).dueAt).toBe(
        '2024-06-26T09:00:00.000Z',
      );
    });

    it('raises the at-risk warning again when the restarted clock brings the warning point forward', () => {
      const targets = open(3);
      const warned = {
        ...targets,
        firstResponse: { ...targets.firstResponse, atRiskRaisedAt: '2024-06-04T03:00:00.000Z' },
      };
      // Severity 1 from Tuesday 04:00: at risk at 04:45, due at 05:00, both before the old due time.
      const { after } = change(warned, 3, 1, '2024-06-04T04:00:00Z');
      expect(after.firstResponse).toMatchObject({
        atRiskAt: '2024-06-04T04:45:00.000Z',
        dueAt: '2024-06-04T05:00:00.000Z',
      });
      expect(atRiskWarningOwed(after.firstResponse)).toBe(true);
      expect(nextDueTimers([after.firstResponse])[0]).toEqual({
        kind: 'at-risk',
        target: 'first-response',
        fireAt: '2024-06-04T04:45:00.000Z',
      });
    });

    it('keeps the warning already raised when the deadline it warned about stands', () => {
      const targets = open(3);
      const warned = {
        ...targets,
        firstResponse: { ...targets.firstResponse, atRiskRaisedAt: '2024-06-04T03:00:00.000Z' },
      };
      // A whole business day from Tuesday 04:00 would be later than Tuesday 09:00: nothing moves.
      const { after } = change(warned, 3, 2, '2024-06-04T04:00:00Z');
      expect(after.firstResponse).toMatchObject({
        severity: 2,
        atRiskAt: targets.firstResponse.atRiskAt,
        dueAt: targets.firstResponse.dueAt,
        atRiskRaisedAt: '2024-06-04T03:00:00.000Z',
      });
      expect(atRiskWarningOwed(after.firstResponse)).toBe(false);
    });
  });

  describe('upgrade: more urgency never loosens a target', () => {
    it('keeps the due time when the new goal counted from the change would end later', () => {
      // Severity 3 opened Monday 10:00: first response due Tuesday 10:00. Severity 1 at Tuesday 09:30
      // would give until 10:30.
      const targets = startTargets({ severity: 3, openedAt: '2024-06-03T10:00:00Z', policy, calendar });
      const { after } = change(targets, 3, 1, '2024-06-04T09:30:00Z');
      expect(after.firstResponse).toMatchObject({
        severity: 1,
        goal: { amount: 1, unit: 'hours', clock: 'wall' },
        startedAt: '2024-06-04T09:30:00.000Z',
        dueAt: '2024-06-04T10:00:00.000Z',
        state: 'running',
      });
    });

    it('keeps a severity 3 resolution due on day 21 when upgraded to 2 on day 19', () => {
      const targets = open(3);
      expect(targets.resolution.dueAt).toBe('2024-07-02T09:00:00.000Z');
      // Business day 19 after Monday 3 June 09:00 ends Thursday 27 June 09:00.
      const { after } = change(targets, 3, 2, '2024-06-27T08:00:00Z');
      expect(after.resolution).toMatchObject({
        severity: 2,
        dueAt: '2024-07-02T09:00:00.000Z',
        atRiskAt: targets.resolution.atRiskAt,
      });
    });

    it('never later than a paused clock would be due if the customer answered at the change', () => {
      // Severity 3, 20 of 21 business days used when it pauses on Monday 1 July 09:00.
      const targets = open(3);
      const paused = { ...targets, resolution: pauseTarget(targets.resolution, '2024-07-01T09:00:00Z') };
      const { after } = change(paused, 3, 2, '2024-07-03T09:00:00Z');
      // One business day from the change, not fourteen; and the same day's pause still counts out.
      expect(after.resolution).toMatchObject({
        state: 'paused',
        severity: 2,
        startedAt: '2024-07-03T09:00:00.000Z',
        dueAt: '2024-07-04T09:00:00.000Z',
      });
      expect(resumeTarget(after.resolution, '2024-07-05T09:00:00Z', calendar).dueAt).toBe(
        '2024-07-08T09:00:00.000Z',
      );
    });
  });

  describe('round trip (3 to 2 and back, 2 to 1 and back)', () => {
    it('leaves a first response due 12:10:44 where it was after 3 to 2 to 3 at 12:10:11', () => {
      const targets = startTargets({ severity: 3, openedAt: '2024-06-03T12:10:44Z', policy, calendar });
      const up = change(targets, 3, 2, '2024-06-04T12:10:11Z').after;
      const back = change(up, 2, 3, '2024-06-04T12:10:12Z').after;
      expect(back.firstResponse).toMatchObject({
        severity: 3,
        dueAt: '2024-06-04T12:10:44.000Z',
        atRiskAt: targets.firstResponse.atRiskAt,
      });
    });

    it('leaves a warned target warned (no second warning for the same deadline)', () => {
      const targets = open(3);
      const warned = {
        ...targets,
        firstResponse: { ...targets.firstResponse, atRiskRaisedAt: '2024-06-04T03:00:00.000Z' },
      };
      const up = change(warned, 3, 2, '2024-06-04T08:00:00Z').after;
      const back = change(up, 2, 3, '2024-06-04T08:30:00Z').after;
      expect(back.firstResponse).toEqual({
        ...warned.firstResponse,
        startedAt: targets.firstResponse.startedAt,
        downgradedFrom: {
          severity: 2,
          startedAt: '2024-06-04T08:00:00.000Z',
          dueAt: warned.firstResponse.dueAt,
          atRiskAt: warned.firstResponse.atRiskAt,
          statedAsOf: '2024-06-04T08:30:00.000Z',
          ...policyOf(up.firstResponse),
        },
        // Each change remembers the run it ended: severity 3 at the raise, severity 2 at the downgrade.
        endedRuns: [
          {
            severity: 3,
            startedAt: targets.firstResponse.startedAt,
            dueAt: warned.firstResponse.dueAt,
            atRiskAt: warned.firstResponse.atRiskAt,
            statedAsOf: '2024-06-04T08:00:00.000Z',
            ...policyOf(warned.firstResponse),
          },
          {
            severity: 2,
            startedAt: '2024-06-04T08:00:00.000Z',
            dueAt: warned.firstResponse.dueAt,
            atRiskAt: warned.firstResponse.atRiskAt,
            statedAsOf: '2024-06-04T08:30:00.000Z',
            ...policyOf(up.firstResponse),
          },
        ],
      });
    });
  });

  describe('mirror round trip (1 to 2 and back to 1)', () => {
    it('leaves the severity-1 deadlines where they were while they are still ahead: lowering and raising buys no time', () => {
      const down = change(open(1), 1, 2, '2024-06-03T09:20:00Z').after;
      expect(down.firstResponse.downgradedFrom).toEqual({
        severity: 1,
        startedAt: '2024-06-03T09:00:00.000Z',
        dueAt: '2024-06-03T10:00:00.000Z',
        atRiskAt: '2024-06-03T09:45:00.000Z',
        statedAsOf: '2024-06-03T09:20:00.000Z',
        goal: { amount: 1, unit: 'hours', clock: 'wall' },
        atRiskShare: 0.75,
        policyVersion: DEFAULT_SUPPORT_POLICY.version,
      });
      const back = change(down, 2, 1, '2024-06-03T09:40:00Z').after;
      for (const kind of ['firstResponse', 'resolution'] as const) {
        expect(back[kind]).toMatchObject({
          severity: 1,
          startedAt: '2024-06-03T09:00:00.000Z',
          dueAt: open(1)[kind].dueAt,
          atRiskAt: open(1)[kind].atRiskAt,
          state: 'running',
        });
      }
      expect(back.firstResponse.dueAt).toBe('2024-06-03T10:00:00.000Z');
    });

    it('restarts from the raise once the severity-1 deadline has passed at the lower severity (no retroactive breach)', () => {
      const down = change(open(1), 1, 2, '2024-06-03T09:20:00Z').after;
      const back = change(down, 2, 1, '2024-06-03T11:00:00Z').after;
      expect(back.firstResponse).toMatchObject({
        startedAt: '2024-06-03T11:00:00.000Z',
        dueAt: '2024-06-03T12:00:00.000Z',
        state: 'running',
      });
      // The resolution deadline (7 business days) is still ahead: it stays.
      expect(back.resolution.dueAt).toBe(open(1).resolution.dueAt);
    });

    it('1 to 3 and up to 2 runs the severity-2 goal from the severity-1 start, as lowering 1 to 2 would have', () => {
      const down = change(open(1), 1, 3, '2024-06-03T09:20:00Z').after;
      const up = change(down, 3, 2, '2024-06-03T09:40:00Z').after;
      const direct = change(open(1), 1, 2, '2024-06-03T09:20:00Z').after;
      expect(up.firstResponse.dueAt).toBe(direct.firstResponse.dueAt);
      expect(up.resolution.dueAt).toBe(direct.resolution.dueAt);
    });

    it('raised, lowered and raised back keeps the deadline the first raise held it to (2 to 1 to 3 to 1 to 2, as the tester played it)', () => {
      // The tester's policy: severity 2 resolves in 12 minutes (wall), severity 1 keeps 7 business days.
      const fast = parseSupportPolicy({
        version: 'fast-test-2',
        severities: {
          1: { responseGoal: { amount: 4, unit: 'minutes', clock: 'wall' } },
          2: {
            responseGoal: { amount: 6, unit: 'minutes', clock: 'wall' },
            resolutionGoal: { amount: 12, unit: 'minutes', clock: 'wall' },
          },
        },
      });
      const sunday = '2026-11-29T13:14:43.674Z';
      const play = (from: Severity, to: Severity, at: string, targets: SlaTargets) =>
        recomputeTargetsOnSeverityChange({
          targets,
          oldSeverity: from,
          newSeverity: to,
          changedAt: at,
          openedAt: sunday,
          policy: fast,
          calendar,
        }).after;
      const opened = startTargets({ severity: 2, openedAt: sunday, policy: fast, calendar });
      const up = play(2, 1, '2026-11-29T13:14:43.976Z', opened);
      // 7 business days from the raise would be 9 December: held to the severity-2 deadline.
      expect(up.resolution.dueAt).toBe('2026-11-29T13:26:43.674Z');
      const down = play(1, 3, '2026-11-29T13:16:00.000Z', up);
      expect(down.resolution.dueAt).toBe('2026-12-29T00:00:00.000Z');
      const back = play(3, 1, '2026-11-29T13:17:00.000Z', down);
      expect(back.resolution).toMatchObject({
        severity: 1,
        dueAt: '2026-11-29T13:26:43.674Z',
        atRiskAt: up.resolution.atRiskAt,
        state: 'running',
      });
      expect(back.firstResponse.dueAt).toBe(up.firstResponse.dueAt);
      const lowered = play(1, 2, '2026-11-29T13:18:00.000Z', back);
      expect(lowered.resolution.dueAt).toBe('2026-11-29T13:26:43.674Z');
    });

    it('a held run moves on by the wait for the customer at the lower severity, as the raised one would have', () => {
      // Severity 2 opened on Monday 3 June: due 21 June; raised to 1 on Wednesday 12 June with 7
      // business days from then ending later (21 June 09:00 + ...), so held to 21 June 09:00.
      const up = change(open(2), 2, 1, '2024-06-12T09:00:00Z').after;
      expect(up.resolution.dueAt).toBe('2024-06-21T09:00:00.000Z');
      const down = change(up, 1, 3, '2024-06-12T10:00:00Z').after;
      const waited = resumeTarget(
        pauseTarget(down.resolution, '2024-06-12T11:00:00Z'),
        '2024-06-13T11:00:00Z',
        calendar,
      );
      const back = change({ ...down, resolution: waited }, 3, 1, '2024-06-13T12:00:00Z').after;
      // One business day of waiting: a day later than the held deadline, not 7 days from 12 June.
      expect(back.resolution.dueAt).toBe('2024-06-24T09:00:00.000Z');
    });

    describe('raised, lowered, then raised back to a severity between (2 to 1 to 3 to 2)', () => {
      // Given a case opened at severity 2 on Monday 2 March 2026 09:00 (resolution due Friday 20 March)
      const march = (at: string) => `2026-03-${at}Z`;
      const opened = march('02T09:00:00');
      const play = (targets: SlaTargets, from: Severity, to: Severity, at: string) =>
        recomputeTargetsOnSeverityChange({
          targets,
          oldSeverity: from,
          newSeverity: to,
          changedAt: march(at),
          openedAt: opened,
          policy,
          calendar,
        }).after;
      const atTwo = startTargets({ severity: 2, openedAt: opened, policy, calendar });
      const noChange = '2026-03-20T09:00:00.000Z';

      it('is never due later than severity 2 was, when the raise to 1 was held to it', () => {
        // When it is raised to 1 on 16 March (held to 20 March), lowered to 3, then raised to 2
        const up = play(atTwo, 2, 1, '16T09:00:00');
        const down = play(up, 1, 3, '16T10:00:00');
        expect(down.resolution.dueAt).toBe('2026-03-31T09:00:00.000Z');
        const back = play(down, 3, 2, '16T11:00:00');
        // Then it is due when severity 2 was due all along, not on 31 March
        expect(back.resolution).toMatchObject({ severity: 2, state: 'running', dueAt: noChange });
        expect(back.resolution.atRiskAt).toBe(atTwo.resolution.atRiskAt);
      });

      it('is never due later than severity 2 was, when the raise to 1 came early', () => {
        // When it is raised to 1 on 4 March (due 13 March), lowered to 3, then raised to 2
        const up = play(atTwo, 2, 1, '04T09:00:00');
        expect(up.resolution.dueAt).toBe('2026-03-13T09:00:00.000Z');
        const back = play(play(up, 1, 3, '05T09:00:00'), 3, 2, '06T09:00:00');
        // Then it is due on 20 March, not 14 business days from the raise to 1 (24 March)
        expect(back.resolution.dueAt).toBe(noChange);
      });

      it('moves that deadline on by the waits for the customer since', () => {
        // When it is raised to 1 on 16 March, lowered to 3, awaits the customer one business day, then is raised to 2
        const down = play(play(atTwo, 2, 1, '16T09:00:00'), 1, 3, '16T10:00:00');
        const waited = resumeTarget(
          pauseTarget(down.resolution, march('16T11:00:00')),
          march('17T11:00:00'),
          calendar,
        );
        const back = play({ ...down, resolution: waited }, 3, 2, '17T12:00:00');
        // Then it is due a business day after 20 March: Monday 23 March
        expect(back.resolution.dueAt).toBe('2026-03-23T09:00:00.000Z');
      });

      it('restarts from the change once that deadline has passed (never a retroactive breach)', () => {
        // When it is raised to 1 on 16 March, lowered to 3, then raised to 2 on 23 March
        const down = play(play(atTwo, 2, 1, '16T09:00:00'), 1, 3, '16T10:00:00');
        const back = play(down, 3, 2, '23T09:00:00');
        // Then the severity-3 deadline it had (31 March) holds: 14 business days from the raise end later
        expect(back.resolution).toMatchObject({ state: 'running', dueAt: '2026-03-31T09:00:00.000Z' });
      });
    });

    it('a case first raised from 3 to 1 still gets the full severity-1 goal from the raise', () => {
      const up = change(open(3), 3, 1, '2024-06-03T09:30:00Z').after;
      expect(up.firstResponse).toMatchObject({
        startedAt: '2024-06-03T09:30:00.000Z',
        dueAt: '2024-06-03T10:30:00.000Z',
      });
      expect(up.firstResponse.downgradedFrom).toBeUndefined();
    });
  });

  describe('downgrade (to a less severe level)', () => {
    it('recomputes unmet targets from the opening under the new goals', () => {
      const { direction, after } = change(open(1), 1, 2, '2024-06-03T09:30:00Z');
      expect(direction).toBe('downgrade');
      expect(after.firstResponse).toMatchObject({
        severity: 2,
        goal: { amount: 1, unit: 'days', clock: 'business' },
        startedAt: '2024-06-03T09:00:00.000Z',
        dueAt: '2024-06-04T09:00:00.000Z',
        atRiskAt: '2024-06-04T03:00:00.000Z',
        state: 'running',
      });
      expect(after.resolution.dueAt).toBe('2024-06-21T09:00:00.000Z');
    });

    it('leaves out the paused time already accumulated', () => {
      const targets = open(2);
      let resolution = pauseTarget(targets.resolution, '2024-06-04T09:00:00Z');
      resolution = resumeTarget(resolution, '2024-06-05T09:00:00Z', calendar);
      expect(resolution.dueAt).toBe('2024-06-24T09:00:00.000Z');
      const { after } = change({ ...targets, resolution }, 2, 3, '2024-06-06T09:00:00Z');
      // 21 business days from the opening plus the paused day: Wednesday 3 July 09:00.
      expect(after.resolution).toMatchObject({ dueAt: '2024-07-03T09:00:00.000Z', state: 'running' });
      expect(after.resolution.pauses).toEqual(resolution.pauses);
    });

    it('keeps a paused clock paused, with its deadline as of the pause', () => {
      const targets = open(2);
      const paused = { ...targets, resolution: pauseTarget(targets.resolution, '2024-06-04T09:00:00Z') };
      const { after } = change(paused, 2, 3, '2024-06-05T09:00:00Z');
      // One business day used before the pause, 20 left from Tuesday 4 June 09:00.
      expect(after.resolution).toMatchObject({ state: 'paused', dueAt: '2024-07-02T09:00:00.000Z' });
      expect(resumeTarget(after.resolution, '2024-06-06T09:00:00Z', calendar).dueAt).toBe(
        '2024-07-04T09:00:00.000Z',
      );
    });

    it('never tightens a target, even under a policy whose lower severity has a shorter goal', () => {
      const odd = parseSupportPolicy({
        version: 'odd',
        severities: {
          3: {
            responseGoal: { amount: 2, unit: 'hours', clock: 'business' },
            resolutionGoal: { amount: 5, unit: 'days', clock: 'business' },
          },
        },
      });
      const targets = open(2);
      const { after } = change(targets, 2, 3, '2024-06-03T10:00:00Z', odd);
      expect(after.firstResponse.dueAt).toBe(targets.firstResponse.dueAt);
      expect(after.firstResponse.atRiskAt).toBe(targets.firstResponse.atRiskAt);
      expect(after.resolution.dueAt).toBe(targets.resolution.dueAt);
      expect(after.resolution.policyVersion).toBe('odd');
    });

    it('keeps a raised warning when the new warning point has already passed', () => {
      const targets = open(1);
      const warned = {
        ...targets,
        firstResponse: { ...targets.firstResponse, atRiskRaisedAt: '2024-06-03T09:45:00.000Z' },
      };
      const custom = parseSupportPolicy({
        version: 'short',
        severities: { 2: { responseGoal: { amount: 1.2, unit: 'hours', clock: 'wall' } } },
      });
      const { after } = change(warned, 1, 2, '2024-06-03T09:59:00Z', custom);
      expect(after.firstResponse).toMatchObject({
        atRiskRaisedAt: '2024-06-03T09:45:00.000Z',
        dueAt: '2024-06-03T10:12:00.000Z',
      });
    });
  });

  describe('targets that are settled', () => {
    it('keeps a met target met on upgrade and on downgrade', () => {
      const targets = open(2);
      const answered = {
        ...targets,
        firstResponse: meetTarget(targets.firstResponse, '2024-06-03T10:00:00Z'),
      };
      const upgraded = change(answered, 2, 1, '2024-06-03T11:00:00Z').after;
      expect(upgraded.firstResponse).toBe(answered.firstResponse);
      expect(upgraded.resolution.severity).toBe(1);
      const downgraded = change(answered, 2, 3, '2024-06-03T11:00:00Z').after;
      expect(downgraded.firstResponse).toBe(answered.firstResponse);
    });

    it('keeps a breached target breached', () => {
      const targets = open(1);
      const breached = {
        ...targets,
        firstResponse: markTargetBreached(targets.firstResponse, '2024-06-03T10:00:00Z')!,
      };
      expect(change(breached, 1, 3, '2024-06-03T11:00:00Z').after.firstResponse).toBe(breached.firstResponse);
    });

    it('changes nothing when the severity stays the same', () => {
      const targets = open(2);
      expect(change(targets, 2, 2, '2024-06-03T11:00:00Z')).toEqual({
        direction: 'unchanged',
        before: targets,
        after: targets,
      });
    });
  });
});

/** What a remembered run records of the policy its deadlines were computed under. */
function policyOf(target: SlaTarget) {
  return { goal: target.goal, atRiskShare: target.atRiskShare, policyVersion: target.policyVersion };
}
