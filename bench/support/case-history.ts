import {
  CaseActor,
  CaseCommand,
  CaseDecisionContext,
  CaseEvent,
  CaseState,
  DEFAULT_SUPPORT_POLICY,
  DomainError,
  calendarForAccount,
  caseDecider,
} from '@casetrail/domain';

/** The decision context every bench case is decided in: default policy, Sofia business calendar. */
export function benchCaseContext(accountId = 'acc-bench', licenceId = 'lic-bench'): CaseDecisionContext {
  return {
    policy: DEFAULT_SUPPORT_POLICY,
    calendar: calendarForAccount(DEFAULT_SUPPORT_POLICY, 'Europe/Sofia'),
    entitlement: {
      licence: {
        id: licenceId,
        accountId,
        product: 'Sitefinity',
        edition: 'Online Marketing License',
        plan: 'enterprise',
        activeUntil: '2099-12-31',
        status: 'active',
        holderEmail: 'holder@bench.example',
      },
      membership: {
        email: BENCH_ACTORS.customer.email,
        status: 'active',
        permissions: { manageUsers: false, shareTickets: true, seeSharedTickets: true },
      },
      account: { id: accountId, missionCritical: false, timeZone: 'Europe/Sofia' },
    },
    // The bench customer is a licensed user of the case's licence (they may escalate).
    actorIsLicensedUser: true,
  };
}

export const BENCH_ACTORS = {
  customer: { email: 'jane.doe@acme.example', name: 'Jane Doe', roles: [] },
  engineer: { email: 'eve.engineer@vendor.example', name: 'Eve Engineer', roles: ['engineer'] },
  otherEngineer: { email: 'oscar.engineer@vendor.example', name: 'Oscar Engineer', roles: ['engineer'] },
} satisfies Record<string, CaseActor>;

const START = Date.parse('2026-03-02T08:00:00.000Z');
const STEP_MS = 7 * 60_000;

/**
 * A long case history made by the real decider (see `nextCommand` for the mix), with the SLA
 * breaches the clock records along the way. Deterministic; exactly `eventCount` events.
 */
export function buildCaseHistory(eventCount: number, caseId = 'case-bench'): CaseEvent[] {
  const context = benchCaseContext();
  const events: CaseEvent[] = [];
  let state: CaseState = caseDecider.initialState;
  const apply = (command: CaseCommand) => {
    let decided: CaseEvent[];
    try {
      decided = caseDecider.decide(command, state, context);
    } catch (error) {
      // A step the rules refuse in the current state (say, a second acknowledgement) is skipped.
      if (error instanceof DomainError) return;
      throw error;
    }
    for (const event of decided) {
      events.push(event);
      state = caseDecider.evolve(state, event);
    }
  };

  apply({
    type: 'OpenCase',
    caseId,
    actor: BENCH_ACTORS.customer,
    at: new Date(START).toISOString(),
    licenceId: 'lic-bench',
    title: 'Publishing pages fails intermittently',
    description: 'Since the upgrade to 15.1 about one publish in ten returns a 500 error.',
    severity: 3,
    channel: 'web',
  });
  for (let step = 1; events.length < eventCount; step++) {
    apply(nextCommand(caseId, step, new Date(START + step * STEP_MS).toISOString()));
    if (step > eventCount * 20)
      throw new Error('The case history stopped growing; the command cycle no longer fits the rules');
  }
  return events.slice(0, eventCount);
}

/**
 * The command of one step. A 40-step cycle shaped like a long support case: mostly public replies,
 * customer comments and internal notes, with a severity change, a reassignment and an information
 * request per cycle, and an escalation (acknowledged, updated, ended) every other cycle.
 */
export function nextCommand(caseId: string, step: number, at: string): CaseCommand {
  const { customer, engineer, otherEngineer } = BENCH_ACTORS;
  const base = { caseId, at };
  const comment = (actor: CaseActor, body: string, internal = false): CaseCommand => ({
    ...base,
    type: 'AddComment',
    actor,
    commentId: `c-${step}`,
    body,
    internal,
  });
  const escalationCycle = step % 80 < 40;
  switch (step % 40) {
    case 0:
      return {
        ...base,
        type: 'ChangeSeverity',
        actor: engineer,
        severity: step % 80 === 0 ? 2 : 3,
        reason: 'Reassessed impact',
      };
    case 5:
      return {
        ...base,
        type: 'AssignEngineer',
        actor: engineer,
        engineer: step % 80 === 5 ? otherEngineer.email : engineer.email,
      };
    case 10:
      return { ...base, type: 'RequestInformation', actor: engineer, body: 'Please send the error log' };
    case 11:
      return comment(customer, 'Log attached');
    case 20:
      return escalationCycle
        ? {
            ...base,
            type: 'Escalate',
            actor: customer,
            reason: 'low-satisfaction',
            details: 'Still failing after a week',
          }
        : comment(customer, 'Any news?');
    case 21:
      return escalationCycle
        ? { ...base, type: 'AcknowledgeEscalation', actor: engineer }
        : comment(engineer, 'Working on it');
    case 25:
      return escalationCycle
        ? { ...base, type: 'PostEscalationStatusUpdate', actor: engineer, body: 'Fix is being tested' }
        : comment(engineer, 'Status: testing');
    case 30:
      return escalationCycle
        ? { ...base, type: 'DeEscalate', actor: engineer, reason: 'Customer agreed to the plan' }
        : comment(customer, 'Thanks');
    default:
      switch (step % 3) {
        case 0:
          return comment(engineer, `Looking into it (${step})`);
        case 1:
          return comment(customer, `It happened again at ${at}`);
        default:
          return comment(engineer, 'Internal: check the publish queue', true);
      }
  }
}
