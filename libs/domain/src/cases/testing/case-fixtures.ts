import { DEFAULT_SUPPORT_POLICY } from '../../policy/default-support-policy';
import { calendarForAccount } from '../../policy/policy-calendars';
import { SLA_PROCESS_ACTOR, type CaseActor } from '../actor';
import { caseDecider } from '../case-decider';
import type {
  AddComment,
  CaseCommand,
  ChangeSeverity,
  CloseCase,
  Escalate,
  OpenCase,
  RedirectCase,
  ReopenCase,
  RequestInformation,
  ResolveCase,
  ShareCase,
} from '../commands';
import type { CaseDecisionContext } from '../context';
import type { CaseEntitlementSnapshot } from '../entitlement';
import type { CaseEvent } from '../events';
import { initialCaseState } from '../state';

type PersonsClosure = Exclude<CloseCase, { automatic: true }>;

/** Monday 3 June 2024, 09:00 UTC: far from weekends, so business days are easy to follow. */
export const T0 = '2024-06-03T09:00:00.000Z';
export const CASE_ID = 'case-1';

/** `instant` moved by a wall-clock amount; only for building test instants. */
export function plus(instant: string, amount: { minutes?: number; hours?: number; days?: number }): string {
  const ms = ((amount.days ?? 0) * 24 * 60 + (amount.hours ?? 0) * 60 + (amount.minutes ?? 0)) * 60_000;
  return new Date(Date.parse(instant) + ms).toISOString();
}

export const actors = {
  alice: { email: 'alice@acme.example', name: 'Alice Customer', roles: [] },
  bob: { email: 'bob@acme.example', name: 'Bob Colleague', roles: [] },
  engineer: { email: 'eve@vendor.example', name: 'Eve Engineer', roles: ['engineer'] },
  otherEngineer: { email: 'oscar@vendor.example', roles: ['engineer'] },
  csm: { email: 'carla@vendor.example', name: 'Carla CSM', roles: ['csm'] },
  auditor: { email: 'audrey@vendor.example', roles: ['auditor'] },
  admin: { email: 'adam@vendor.example', roles: ['admin'] },
  system: SLA_PROCESS_ACTOR,
} satisfies Record<string, CaseActor>;

export const policy = DEFAULT_SUPPORT_POLICY;
export const calendar = calendarForAccount(policy, 'UTC');

export function entitlement(
  overrides: {
    licence?: Partial<CaseEntitlementSnapshot['licence']>;
    membership?: CaseEntitlementSnapshot['membership'] | null;
    account?: Partial<CaseEntitlementSnapshot['account']>;
  } = {},
): CaseEntitlementSnapshot {
  return {
    licence: {
      id: 'lic-1',
      accountId: 'acc-1',
      product: 'Sitefinity CMS',
      edition: 'Online Marketing License',
      plan: 'enterprise',
      activeUntil: '2030-12-31',
      status: 'active',
      holderEmail: 'holder@acme.example',
      ...overrides.licence,
    },
    membership:
      overrides.membership === null
        ? undefined
        : (overrides.membership ?? {
            email: actors.alice.email,
            status: 'active',
            permissions: { manageUsers: false, shareTickets: true, seeSharedTickets: true },
          }),
    account: { id: 'acc-1', missionCritical: false, ...overrides.account },
  };
}

export function context(overrides: Partial<CaseDecisionContext> = {}): CaseDecisionContext {
  return { policy, calendar, entitlement: entitlement(), actorIsLicensedUser: true, ...overrides };
}

/** Command builders with sensible defaults; override any field. */
export const commands = {
  openCase: (overrides: Partial<OpenCase> = {}): OpenCase => ({
    type: 'OpenCase',
    caseId: CASE_ID,
    actor: actors.alice,
    at: T0,
    licenceId: 'lic-1',
    title: 'Pages fail to publish',
    description: 'Publishing any page returns a 500 error since this morning.',
    severity: 3,
    channel: 'web',
    ...overrides,
  }),
  comment: (overrides: Partial<AddComment> = {}): AddComment => ({
    type: 'AddComment',
    caseId: CASE_ID,
    actor: actors.engineer,
    at: plus(T0, { minutes: 30 }),
    commentId: 'c-1',
    body: 'Thanks, we are looking into it.',
    internal: false,
    ...overrides,
  }),
  changeSeverity: (overrides: Partial<ChangeSeverity> = {}): ChangeSeverity => ({
    type: 'ChangeSeverity',
    caseId: CASE_ID,
    actor: actors.engineer,
    at: plus(T0, { hours: 2 }),
    severity: 1,
    reason: 'Production is down for all editors',
    ...overrides,
  }),
  escalate: (overrides: Partial<Escalate> = {}): Escalate => ({
    type: 'Escalate',
    caseId: CASE_ID,
    actor: actors.alice,
    at: plus(T0, { hours: 1 }),
    reason: 'production-impact',
    details: 'Our launch is tomorrow',
    ...overrides,
  }),
  requestInformation: (overrides: Partial<RequestInformation> = {}): RequestInformation => ({
    type: 'RequestInformation',
    caseId: CASE_ID,
    actor: actors.engineer,
    at: plus(T0, { hours: 1 }),
    body: 'Which version?',
    ...overrides,
  }),
  resolve: (overrides: Partial<ResolveCase> = {}): ResolveCase => ({
    type: 'ResolveCase',
    caseId: CASE_ID,
    actor: actors.engineer,
    at: plus(T0, { days: 1 }),
    summary: 'Cleared the output cache; publishing works again.',
    ...overrides,
  }),
  reopen: (overrides: Partial<ReopenCase> = {}): ReopenCase => ({
    type: 'ReopenCase',
    caseId: CASE_ID,
    actor: actors.alice,
    at: plus(T0, { days: 2 }),
    reason: 'It failed again after the restart',
    ...overrides,
  }),
  /** A person's closure (the customer confirming the resolution, or staff for them). */
  close: (overrides: Partial<PersonsClosure> = {}): PersonsClosure => ({
    type: 'CloseCase',
    caseId: CASE_ID,
    actor: actors.alice,
    at: plus(T0, { days: 2 }),
    ...overrides,
  }),
  redirect: (overrides: Partial<RedirectCase> = {}): RedirectCase => ({
    type: 'RedirectCase',
    caseId: CASE_ID,
    actor: actors.engineer,
    at: plus(T0, { days: 2 }),
    to: 'consulting',
    referral: 'A custom implementation is consulting work: Progress Services will contact you.',
    ...overrides,
  }),
  share: (overrides: Partial<ShareCase> = {}): ShareCase => ({
    type: 'ShareCase',
    caseId: CASE_ID,
    actor: actors.engineer,
    at: plus(T0, { hours: 1 }),
    email: 'Dora@Acme.example',
    name: 'Dora Developer',
    ...overrides,
  }),
};

/**
 * The events a sequence of commands produces, each decided on the state the previous ones left:
 * builds a `given` history through the real decider rather than by hand.
 */
export function historyOf(steps: readonly CaseCommand[], ctx: CaseDecisionContext = context()): CaseEvent[] {
  const events: CaseEvent[] = [];
  let state = initialCaseState;
  for (const command of steps) {
    const produced = caseDecider.decide(command, state, ctx);
    events.push(...produced);
    state = produced.reduce(caseDecider.evolve, state);
  }
  return events;
}

/** A web severity-3 case opened by Alice at T0. */
export const openedHistory = (overrides: Partial<OpenCase> = {}) => historyOf([commands.openCase(overrides)]);

/** Opened at T0 and answered by the engineer 30 minutes later (in progress). */
export const inProgressHistory = (overrides: Partial<OpenCase> = {}) =>
  historyOf([commands.openCase(overrides), commands.comment()]);

/** In progress, then the engineer asked the customer for details an hour after the opening (awaiting the customer). */
export const awaitingHistory = () =>
  historyOf([commands.openCase(), commands.comment(), commands.requestInformation()]);

/** In progress, then the engineer proposed a resolution a day after the opening (resolved, its quiet period running). */
export const resolvedHistory = () => historyOf([commands.openCase(), commands.comment(), commands.resolve()]);
