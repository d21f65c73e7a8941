import { caseDecider, PolicyVersions, type CaseEvent, type CaseState } from '@casetrail/domain';
import {
  actors,
  awaitingHistory,
  calendar,
  CASE_ID,
  commands,
  historyOf,
  plus,
  policy,
  T0,
} from '@casetrail/domain/cases/testing/case-fixtures';
import { caseDetail } from '@casetrail/readmodels/cases/case-detail';
import type { RecordedEvent } from '@casetrail/eventstore';
import { standing, storyLine, when } from './case-story';

/**
 * The case's events as the store returns them, each with the case as it left it. `recordedLater`:
 * how many milliseconds after its decision time (`data.at`) each event was recorded.
 */
function told(history: CaseEvent[], recordedLater = 0): { lines: string[]; state: CaseState } {
  let state: CaseState = caseDecider.initialState;
  const lines = history.map((event, revision) => {
    state = caseDecider.evolve(state, event);
    const recorded: RecordedEvent = {
      ...event,
      id: `e${revision}`,
      stream: 'case-case-1',
      revision,
      position: revision + 1,
      metadata: { actor: event.data.by, correlationId: 'c', schemaVersion: 1 },
      recordedAt: new Date(Date.parse(event.data.at) + recordedLater).toISOString(),
    };
    return storyLine(recorded, state);
  });
  return { lines, state };
}

describe("replay's story of a case", () => {
  it('tells a reminder of a missed status update from its first alert', () => {
    const dueAt = plus(T0, { hours: 5 });
    const alert = (at: string, reminder?: number): CaseEvent => ({
      type: 'EscalationStatusUpdateOverdue',
      data: {
        caseId: CASE_ID,
        at,
        by: 'system:sla-timers',
        level: 1,
        dueAt,
        ...(reminder ? { reminder } : {}),
      },
    });
    const { lines } = told([
      ...historyOf([commands.openCase()]),
      alert(dueAt),
      alert(plus(dueAt, { days: 1 }), 1),
    ]);
    expect(lines.at(-2)).not.toContain('reminder');
    expect(lines.at(-1)).toContain('still missing, reminder 1');
  });

  it('says a resolution closes the case by itself once quiet', () => {
    const { lines, state } = told(historyOf([commands.openCase(), commands.comment(), commands.resolve()]));
    expect(lines.at(-1)).toMatch(/resolved: ".+"; .+; closes itself \d{4}-\d{2}-\d{2} [\d:]+Z if quiet$/);
    expect(standing(state as Exclude<CaseState, { status: 'none' }>, T0, new PolicyVersions(policy))).toMatch(
      /; closes itself \d{4}-\d{2}-\d{2} [\d:]+Z if quiet$/,
    );
  });

  it('says the automatic closure of a case resolved while escalated waits for the de-escalation, as the case detail does', () => {
    const { lines, state } = told(
      historyOf([commands.openCase(), commands.comment(), commands.escalate(), commands.resolve()]),
    );
    const resolved = lines.find((line) => line.includes('resolved: '))!;
    expect(resolved).toMatch(
      /; automatic closure waits for the de-escalation \(then closes itself if quiet, not before \d{4}-\d{2}-\d{2} [\d:]+Z\)$/,
    );
    expect(resolved).not.toContain('closes itself 20');
    expect(
      standing(state as Exclude<CaseState, { status: 'none' }>, T0, new PolicyVersions(policy)),
    ).toContain('automatic closure waits for the de-escalation');
  });

  it('tells the reason a person gave for a sharing or an unsharing, and nothing when none was given', () => {
    const { lines } = told(
      historyOf([
        commands.openCase(),
        commands.share({ reason: 'Dora runs the web shop' }),
        commands.share({ email: 'ed@acme.example', name: 'Ed', at: plus(T0, { hours: 2 }) }),
        {
          type: 'UnshareCase',
          caseId: CASE_ID,
          actor: commands.share().actor,
          at: plus(T0, { hours: 3 }),
          email: 'dora@acme.example',
          reason: 'She left the project',
        },
      ]),
    );
    expect(lines[1]).toMatch(
      /shared the case with dora@acme\.example \(Dora Developer\): "Dora runs the web shop"$/,
    );
    expect(lines[2]).toMatch(/shared the case with ed@acme\.example \(Ed\)$/);
    expect(lines[3]).toMatch(/stopped sharing the case with dora@acme\.example: "She left the project"$/);
  });

  it('tells the reason a person gave for an information request or an escalation acknowledgement, and nothing when none was given', () => {
    const acknowledge = (reason?: string) => ({
      type: 'AcknowledgeEscalation' as const,
      caseId: CASE_ID,
      actor: commands.comment().actor,
      at: plus(T0, { hours: 2 }),
      ...(reason ? { reason } : {}),
    });
    const withReasons = told(
      historyOf([
        commands.openCase(),
        commands.comment(),
        commands.escalate(),
        acknowledge('On call engineer paged at 14:45'),
        commands.requestInformation({
          body: 'Please send web.config',
          reason: 'Need config to proceed',
          at: plus(T0, { hours: 3 }),
        }),
      ]),
    ).lines;
    expect(withReasons.at(-2)).toMatch(
      /acknowledged the level 1 escalation: "On call engineer paged at 14:45"; next status update due /,
    );
    expect(withReasons.at(-1)).toMatch(
      /asked the customer for information: "Please send web\.config"; reason: "Need config to proceed"; resolution clock paused$/,
    );
    const without = told(
      historyOf([
        commands.openCase(),
        commands.comment(),
        commands.escalate(),
        acknowledge(),
        commands.requestInformation({ at: plus(T0, { hours: 3 }) }),
      ]),
    ).lines;
    expect(without.at(-2)).toMatch(/acknowledged the level 1 escalation; next status update due /);
    expect(without.at(-1)).toMatch(
      /asked the customer for information: "Which version\?"; resolution clock paused$/,
    );
  });

  it('tells apart two events of the same second by their milliseconds, and keeps the time column one width', () => {
    const { lines } = told(
      historyOf([
        commands.openCase({ at: T0 }),
        commands.comment({ at: plus(T0, { minutes: 1 }), commentId: 'c-1' }),
        commands.comment({
          at: new Date(Date.parse(plus(T0, { minutes: 1 })) + 250).toISOString(),
          commentId: 'c-2',
          body: 'And another thing.',
        }),
      ]),
    );
    const comments = lines.filter((line) => line.includes(' commented: '));
    expect(comments.map((line) => line.slice(0, 26))).toEqual([
      '2024-06-03 09:01:00.000Z  ',
      '2024-06-03 09:01:00.250Z  ',
    ]);
    expect(lines[0].slice(0, 26)).toBe('2024-06-03 09:00:00.000Z  ');
  });

  it('tells each event at its recorded time, the one its hash covers and the history and the export show', () => {
    // The comment is the first response: both events are recorded in one append.
    const { lines } = told(historyOf([commands.openCase({ at: T0 }), commands.comment()]), 37);
    expect(lines.map((line) => line.slice(0, 26))).toEqual([
      '2024-06-03 09:00:00.037Z  ',
      '2024-06-03 09:30:00.037Z  ',
      '2024-06-03 09:30:00.037Z  ',
    ]);
  });

  it("tells that the customer's closure ended the escalation, by whom and why, before the closure itself", () => {
    const { lines } = told(
      historyOf([
        commands.openCase(),
        commands.comment(),
        commands.escalate(),
        commands.resolve(),
        commands.close({ reason: 'Fixed in production' }),
      ]),
    );
    expect(lines.slice(-2).map((line) => line.slice(31))).toEqual([
      `${'alice@acme.example'.padEnd(28)} ended the level 1 escalation by closing the case: "The customer closed the case, confirming the resolution"`,
      `${'alice@acme.example'.padEnd(28)} closed (resolution confirmed): "Fixed in production"`,
    ]);
  });

  it("states a paused target due when the customer's answer now would make it, as the case detail's dueAt does", () => {
    let state: CaseState = caseDecider.initialState;
    for (const event of awaitingHistory()) state = caseDecider.evolve(state, event);
    const awaiting = state as Exclude<CaseState, { status: 'none' }>;
    // The customer keeps the case waiting for two months: the due time as of the pause has passed.
    const now = plus(T0, { days: 60 });
    const asOfPause = awaiting.targets.resolution.dueAt;
    const { dueAt } = caseDetail(awaiting, 3, now, calendar).sla.resolution;
    expect(Date.parse(asOfPause)).toBeLessThan(Date.parse(now));
    expect(Date.parse(dueAt)).toBeGreaterThan(Date.parse(now));

    const line = standing(awaiting, now, new PolicyVersions(policy));
    expect(line).toContain(
      `resolution paused while awaiting the customer, due ${when(dueAt)} if the customer answers now`,
    );
    expect(line).not.toContain(when(asOfPause));
  });

  describe('an open escalation', () => {
    const history = historyOf([
      commands.openCase(),
      commands.comment(),
      commands.escalate(),
      {
        type: 'AcknowledgeEscalation',
        caseId: CASE_ID,
        actor: actors.engineer,
        at: plus(T0, { hours: 1, minutes: 10 }),
      },
      commands.changeSeverity(),
    ]);

    it("gives the severity change's new next status update due time beside its new SLA due times", () => {
      const { lines, state } = told(history);
      const due = (state as Extract<CaseState, { status: 'in-progress' }>).escalation;
      expect(due?.status).toBe('acknowledged');
      const nextDue = (due as { nextStatusUpdateDueAt: string }).nextStatusUpdateDueAt;
      expect(lines.at(-1)).toMatch(/^.*changed severity 3 -> 1: .*; first response .*, resolution due .*/);
      expect(lines.at(-1)).toMatch(new RegExp(`; next status update due ${when(nextDue)}$`));
    });

    it('is in the standing line with what it owes next by when, OVERDUE once that has passed', () => {
      const { state } = told(history);
      const opened = state as Exclude<CaseState, { status: 'none' }>;
      const nextDue = (opened.escalation as { nextStatusUpdateDueAt: string }).nextStatusUpdateDueAt;
      const versions = new PolicyVersions(policy);
      expect(standing(opened, plus(nextDue, { minutes: -1 }), versions)).toMatch(
        new RegExp(`; escalation level 1, acknowledged; next status update due ${when(nextDue)}$`),
      );
      expect(standing(opened, plus(nextDue, { minutes: 1 }), versions)).toMatch(
        new RegExp(`; escalation level 1, acknowledged; next status update due ${when(nextDue)}, OVERDUE$`),
      );
    });

    it('awaiting acknowledgement, says so and when it is due; none open, says nothing of escalations', () => {
      const escalated = told(historyOf([commands.openCase(), commands.comment(), commands.escalate()])).state;
      const line = standing(
        escalated as Exclude<CaseState, { status: 'none' }>,
        T0,
        new PolicyVersions(policy),
      );
      expect(line).toMatch(
        /; escalation level 1, not yet acknowledged; acknowledgement due \d{4}-\d{2}-\d{2} [\d:]+Z$/,
      );
      const quiet = told(historyOf([commands.openCase(), commands.comment()])).state;
      expect(
        standing(quiet as Exclude<CaseState, { status: 'none' }>, T0, new PolicyVersions(policy)),
      ).not.toContain('escalation');
    });
  });
});
