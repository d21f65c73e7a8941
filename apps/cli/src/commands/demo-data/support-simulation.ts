import {
  accountDecider,
  calendarForAccount,
  caseDecider,
  caseTimers,
  commandForTimer,
  DEFAULT_SUPPORT_POLICY,
  DomainError,
  licenceDecider,
  SLA_PROCESS_ACTOR,
  type AccountCommand,
  type AccountState,
  type BusinessCalendar,
  type CaseActor,
  type CaseCommand,
  type CaseEntitlementSnapshot,
  type CaseState,
  type CaseTimer,
  type DomainEvent,
  type LicenceCommand,
  type LicenceState,
  type OpenedCase,
  type Severity,
  type SupportPolicy,
} from '@casetrail/domain';
import { chainEvents, GENESIS_HASH, type ExpectedRevision, type NewEvent } from '@casetrail/eventstore';
import { planCase, type CaseStep } from './case-script';
import {
  demoOrganisation,
  type DemoAccount,
  type DemoActor,
  type DemoLicence,
  type DemoLicensedUser,
} from './demo-organisation';
import {
  escalationCommand,
  planEscalationHandling,
  type EscalationHandling,
  type EscalationWork,
} from './escalation-handling';
import { SeededRandom } from './seeded-random';
import { TimeOrderedQueue } from './time-ordered-queue';

export interface SimulationOptions {
  cases: number;
  /** The simulated period ends here: nothing after it happens (open cases stay open). */
  end: string;
  /** Cases are opened over this many days before `end` (default 90). */
  days?: number;
  seed?: number;
  policy?: SupportPolicy;
  /**
   * Each customer comment carries a pasted log of about this many bytes (default 0: a short
   * sentence only). Real desks see logs pasted into comments; this is what makes a history heavy.
   */
  logBytes?: number;
}

/** One append, ready for `EventStore.append`: events carry ids, metadata and the hash chain. */
export interface SimulatedAppend {
  stream: string;
  expectedRevision: ExpectedRevision;
  /** The simulated instant of the decision (what `recordedAt` should say). */
  at: string;
  events: (NewEvent & { id: string })[];
}

export interface SimulationSummary {
  cases: number;
  appends: number;
  events: number;
  /** Planned steps the decider refused when their time came (a comment on a closed case...). */
  refusedSteps: number;
  firstInstant: string;
  lastInstant: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface LiveCase {
  caseId: string;
  state: OpenedCase;
  customer: DemoLicensedUser;
  engineer: DemoActor;
  account: DemoAccount;
  calendar: BusinessCalendar;
  pendingSteps: number;
  /** The case's timer schedule, earliest first, as the SLA process manager would hold it. */
  timers: CaseTimer[];
  /** When the earliest timer is due to fire (one wake-up per case in the queue). */
  wakeAt?: number;
  comments: number;
  /** The case's own random source (after its script was drawn): its escalation handling draws from it. */
  random: SeededRandom;
  /** How its open escalation is being worked, if it has one. */
  escalation?: EscalationHandling;
}

type Scheduled =
  | { type: 'open'; index: number }
  | { type: 'step'; caseId: string; step: CaseStep }
  | { type: 'wake'; caseId: string }
  | { type: 'escalation'; caseId: string; work: EscalationWork };

/**
 * A support organisation's history, simulated through the real deciders in time order: accounts,
 * licences and users first, then cases opened over the period and worked by engineers, customers
 * and the SLA timers (at-risk warnings, breaches, overdue escalations, automatic closure), all
 * interleaved as they would be. Escalations are acknowledged, updated and ended by the case's
 * engineer (and the account's CSM) as the case stands (escalation-handling.ts). Yields appends in
 * order; memory stays bounded by the cases alive at once, so millions of events can be generated.
 */
export function* simulateSupport(options: SimulationOptions): Generator<SimulatedAppend, SimulationSummary> {
  const policy = options.policy ?? DEFAULT_SUPPORT_POLICY;
  const seed = options.seed ?? 20_260_301;
  const random = new SeededRandom(seed);
  const endMs = Date.parse(options.end);
  const startMs = endMs - (options.days ?? 90) * DAY;
  const organisation = demoOrganisation(random, options.cases);
  const withPastedLog = (text: string) =>
    options.logBytes ? `${text}\n${pastedLog(options.logBytes)}` : text;
  const streams = new Map<string, { revision: number; hash: string }>();
  const summary: SimulationSummary = {
    cases: 0,
    appends: 0,
    events: 0,
    refusedSteps: 0,
    firstInstant: iso(startMs - DAY),
    lastInstant: iso(startMs - DAY),
  };

  function append(
    stream: string,
    atMs: number,
    actor: DemoActor | CaseActor,
    decided: DomainEvent[],
    reason?: string,
  ) {
    const known = streams.get(stream) ?? { revision: -1, hash: GENESIS_HASH };
    const envelopes = decided.map((event) => ({
      id: random.uuid(),
      type: event.type,
      data: event.data,
      metadata: {
        actor: actor.email,
        actorRoles: [...actor.roles],
        correlationId: random.uuid(),
        ...(reason ? { reason } : {}),
        schemaVersion: 1,
      },
    }));
    const events = chainEvents(stream, known.revision + 1, known.hash, envelopes);
    streams.set(stream, {
      revision: known.revision + events.length,
      hash: events[events.length - 1].metadata.hash!,
    });
    summary.appends += 1;
    summary.events += events.length;
    summary.lastInstant = iso(atMs);
    const expectedRevision: ExpectedRevision = known.revision < 0 ? 'no-stream' : known.revision;
    return { stream, expectedRevision, at: iso(atMs), events };
  }

  // The organisation exists a day before the first case.
  const setupAt = startMs - DAY;
  for (const account of organisation.accounts) {
    for (const [stream, actor, decided] of setUpAccount(account, organisation.admin, setupAt)) {
      yield append(stream, setupAt, actor, decided);
    }
  }

  const queue = new TimeOrderedQueue<Scheduled>();
  for (let index = 0; index < options.cases; index++)
    queue.push(openingInstant(random, startMs, endMs), { type: 'open', index });
  const cases = new Map<string, LiveCase>();

  for (let next = queue.pop(); next && next.at < endMs; next = queue.pop()) {
    const { at, item } = next;
    if (item.type === 'open') {
      const opened = openCase(item.index, at);
      if (opened) yield opened;
      continue;
    }
    const live = cases.get(item.caseId);
    if (!live) continue;
    if (item.type === 'step') live.pendingSteps -= 1;
    // A wake-up that was rescheduled since is stale, and so is escalation work replanned since.
    if (item.type === 'wake' && live.wakeAt !== at) continue;
    if (item.type === 'escalation' && live.escalation?.work !== item.work) continue;
    const request = requestFor(live, item, at);
    const decided = decideCase(live, request.command);
    if (decided && decided.length > 0) {
      live.state = decided.reduce(caseDecider.evolve, live.state as CaseState) as OpenedCase;
      yield append(`case-${live.caseId}`, at, request.actor, decided, reasonOf(request.command));
      scheduleTimers(live, at, caseTimers(live.state));
      scheduleEscalationWork(live, at);
    } else if (item.type === 'step') {
      summary.refusedSteps += 1;
    } else if (item.type === 'wake') {
      // A timer with nothing (left) to record: move on to the next one.
      scheduleTimers(live, at, live.timers.slice(1));
    } else {
      // Work the case no longer takes: what is owed now is planned afresh.
      scheduleEscalationWork(live, at);
    }
    if (live.pendingSteps === 0 && live.timers.length === 0 && !live.escalation?.work) {
      cases.delete(live.caseId);
      streams.delete(`case-${live.caseId}`);
    }
  }
  return summary;

  function openCase(index: number, atMs: number): SimulatedAppend | undefined {
    const caseRandom = new SeededRandom(seed ^ Math.imul(index + 1, 0x9e3779b1));
    const licence = caseRandom.pick(organisation.licences);
    const account = organisation.accounts.find((candidate) => candidate.id === licence.accountId)!;
    const customer = caseRandom.pick(licence.users);
    const engineer = caseRandom.pick(organisation.engineers);
    const phonePlan = licence.plan !== 'standard';
    const severity: Severity = phonePlan
      ? caseRandom.weighted([
          [1, 12],
          [2, 38],
          [3, 50],
        ] as const)
      : caseRandom.weighted([
          [2, 40],
          [3, 60],
        ] as const);
    const phone = severity === 1 || (severity === 2 && phonePlan && caseRandom.chance(0.25));
    const caseId = random.uuid();
    const calendar = calendarForAccount(policy, account.timeZone);
    const actor = phone ? engineer : customer;
    const command: CaseCommand = {
      type: 'OpenCase',
      caseId,
      actor: caseActor(actor),
      at: iso(atMs),
      licenceId: licence.id,
      title: `${licence.product}: ${caseRandom.pick(TITLES)}`,
      description: 'Steps to reproduce, logs and screenshots are attached to this case.',
      severity,
      channel: phone ? 'phone' : 'web',
      ...(phone ? { onBehalfOf: customer.email } : {}),
    };
    const decided = caseDecider.decide(command, caseDecider.initialState, {
      policy,
      calendar,
      entitlement: entitlementOf(licence, account, customer),
    });
    const state = decided.reduce(caseDecider.evolve, caseDecider.initialState) as OpenedCase;
    const steps = planCase(caseRandom, severity, atMs);
    const live: LiveCase = {
      caseId,
      state,
      customer,
      engineer,
      account,
      calendar,
      pendingSteps: steps.length,
      timers: [],
      comments: 0,
      random: caseRandom,
    };
    cases.set(caseId, live);
    for (const { at, step } of steps) queue.push(Math.max(at, atMs), { type: 'step', caseId, step });
    summary.cases += 1;
    const appended = append(`case-${caseId}`, atMs, actor, decided);
    scheduleTimers(live, atMs, caseTimers(state));
    return appended;
  }

  /** The SLA process manager's part: the case's schedule is replaced after each of its events. */
  function scheduleTimers(live: LiveCase, nowMs: number, timers: CaseTimer[]): void {
    live.timers = timers;
    const first = timers[0];
    const wakeAt = first ? Math.max(nowMs, Date.parse(first.fireAt)) : undefined;
    if (wakeAt === live.wakeAt) return;
    live.wakeAt = wakeAt;
    if (wakeAt !== undefined) queue.push(wakeAt, { type: 'wake', caseId: live.caseId });
  }

  function requestFor(live: LiveCase, item: Exclude<Scheduled, { type: 'open' }>, atMs: number) {
    switch (item.type) {
      case 'step':
        return stepCommand(live, item.step, atMs);
      case 'wake':
        return timerCommand(live, atMs);
      case 'escalation': {
        // Done (or refused): the next piece of work is planned after it.
        live.escalation = { ...live.escalation!, work: undefined };
        const engineer = caseActor(live.engineer);
        const acknowledger = live.account.csm ? caseActor(live.account.csm) : engineer;
        return escalationCommand(live.caseId, item.work, iso(atMs), { engineer, acknowledger });
      }
    }
  }

  /** The escalation handlers' part: what the open escalation owes now, and when they will do it. */
  function scheduleEscalationWork(live: LiveCase, nowMs: number): void {
    const before = live.escalation?.work;
    live.escalation = planEscalationHandling(live.state, nowMs, live.random, live.escalation);
    const work = live.escalation?.work;
    if (work && work !== before) queue.push(work.at, { type: 'escalation', caseId: live.caseId, work });
  }

  function decideCase(live: LiveCase, command: CaseCommand) {
    try {
      // The simulation's customers are all active licensed users of their case's account.
      return caseDecider.decide(command, live.state, {
        policy,
        calendar: live.calendar,
        actorIsLicensedUser: true,
      });
    } catch (error) {
      // A step that no longer fits the case (the script cannot foresee every turn) is simply skipped.
      if (error instanceof DomainError) return undefined;
      throw error;
    }
  }

  function stepCommand(live: LiveCase, step: CaseStep, atMs: number) {
    const at = iso(atMs);
    const caseId = live.caseId;
    const engineer = caseActor(live.engineer);
    const customer = caseActor(live.customer);
    const by = (actor: CaseActor, command: CaseCommand) => ({ actor, command });
    switch (step.kind) {
      case 'assign':
        return by(engineer, {
          type: 'AssignEngineer',
          caseId,
          actor: engineer,
          at,
          engineer: live.engineer.email,
        });
      case 'engineer-comment':
        return by(
          engineer,
          comment(
            live,
            engineer,
            at,
            step.internal
              ? 'Internal: checked the logs, looks like a cache issue.'
              : 'We are looking into this and will update you shortly.',
            step.internal,
          ),
        );
      case 'customer-comment':
        return by(
          customer,
          comment(live, customer, at, withPastedLog('Here are the details you asked for.'), false),
        );
      case 'request-information':
        return by(engineer, {
          type: 'RequestInformation',
          caseId,
          actor: engineer,
          at,
          body: 'Could you send the full error log?',
        });
      case 'resolve':
        return by(engineer, {
          type: 'ResolveCase',
          caseId,
          actor: engineer,
          at,
          summary: 'Applied the fix; please confirm.',
        });
      case 'redirect':
        return by(engineer, {
          type: 'RedirectCase',
          caseId,
          actor: engineer,
          at,
          to: 'consulting',
          referral: 'This is custom implementation work; our consulting team will contact you.',
        });
      case 'change-severity':
        return by(engineer, {
          type: 'ChangeSeverity',
          caseId,
          actor: engineer,
          at,
          severity: step.severity,
          reason:
            step.severity < live.state.severity
              ? 'Impact is wider than reported'
              : 'A workaround is in place',
        });
      case 'escalate': {
        const actor = step.byEngineer ? engineer : customer;
        return by(actor, {
          type: 'Escalate',
          caseId,
          actor,
          at,
          reason: step.reason,
          details: 'Management asked for an update.',
        });
      }
      case 'close':
        return by(customer, { type: 'CloseCase', caseId, actor: customer, at });
      case 'reopen':
        return by(customer, {
          type: 'ReopenCase',
          caseId,
          actor: customer,
          at,
          reason: 'The problem came back.',
        });
      case 'share':
        return by(engineer, {
          type: 'ShareCase',
          caseId,
          actor: engineer,
          at,
          email: `colleague.${live.comments}@${live.customer.email.split('@')[1]}`,
          name: 'A colleague',
        });
    }
  }

  function timerCommand(live: LiveCase, atMs: number) {
    return { actor: SLA_PROCESS_ACTOR, command: commandForTimer(live.caseId, live.timers[0], iso(atMs)) };
  }
}

const TITLES = [
  'Pages fail to publish',
  'Login redirects in a loop',
  'Report export times out',
  'Grid loses its filter after paging',
  'Licence key not recognised',
  'Slow response after upgrade',
  'Scheduled job did not run',
  'Images missing in the editor',
];

const LOG_LINE =
  '2026-02-27T10:15:02.117Z ERROR [publisher] Page publish failed: timeout after 30000 ms (Publisher.run)\n';

/** About `bytes` of a server log, as a customer pastes it (within the domain's 20,000-character limit). */
function pastedLog(bytes: number): string {
  return LOG_LINE.repeat(Math.max(1, Math.round(bytes / LOG_LINE.length))).slice(0, 19_900);
}

function comment(live: LiveCase, actor: CaseActor, at: string, body: string, internal: boolean): CaseCommand {
  live.comments += 1;
  return {
    type: 'AddComment',
    caseId: live.caseId,
    actor,
    at,
    commentId: `c-${live.comments}`,
    body,
    internal,
  };
}

function caseActor(actor: DemoActor): CaseActor {
  return { email: actor.email, name: actor.name, roles: [...actor.roles] };
}

function reasonOf(command: CaseCommand): string | undefined {
  return 'reason' in command && typeof command.reason === 'string' ? command.reason : undefined;
}

function entitlementOf(
  licence: DemoLicence,
  account: DemoAccount,
  user: DemoLicensedUser,
): CaseEntitlementSnapshot {
  return {
    licence: {
      id: licence.id,
      accountId: licence.accountId,
      product: licence.product,
      edition: licence.edition,
      plan: licence.plan,
      activeUntil: licence.activeUntil,
      status: 'active',
      holderEmail: licence.holderEmail,
    },
    membership: { email: user.email, status: 'active', permissions: user.permissions },
    account: {
      id: account.id,
      missionCritical: account.missionCritical,
      timeZone: account.timeZone ?? undefined,
    },
  };
}

/** Customers open fewer cases at weekends: three in four weekend draws are drawn again. */
function openingInstant(random: SeededRandom, startMs: number, endMs: number): number {
  for (;;) {
    const at = Math.floor(random.between(startMs, endMs));
    const weekday = new Date(at).getUTCDay();
    if ((weekday !== 0 && weekday !== 6) || random.chance(0.25)) return at;
  }
}

/** The account's and its licences' streams: registration, CSM, case team, licences and their users. */
function* setUpAccount(
  account: DemoAccount,
  admin: DemoActor,
  atMs: number,
): Generator<[stream: string, actor: DemoActor, events: DomainEvent[]]> {
  const at = iso(atMs);
  const accountCommands: AccountCommand[] = [
    {
      type: 'RegisterAccount',
      actor: admin,
      at,
      data: {
        accountId: account.id,
        name: account.name,
        ...(account.timeZone ? { timeZone: account.timeZone } : {}),
      },
    },
    ...(account.csm
      ? [
          {
            type: 'AssignCustomerSuccessManager',
            actor: admin,
            at,
            data: { email: account.csm.email },
          } as const,
        ]
      : []),
    ...account.caseTeam.map(
      (member) => ({ type: 'AddCaseTeamMember', actor: admin, at, data: member }) as const,
    ),
  ];
  let accountState: AccountState = accountDecider.initialState;
  const accountEvents: DomainEvent[] = [];
  for (const command of accountCommands) {
    const decided = accountDecider.decide(command, accountState);
    accountState = decided.reduce(accountDecider.evolve, accountState);
    accountEvents.push(...decided);
  }
  yield [`account-${account.id}`, admin, accountEvents];

  const context = { groupMailboxPatterns: DEFAULT_SUPPORT_POLICY.licensing.groupMailboxPatterns };
  for (const licence of account.licences) {
    const commands: LicenceCommand[] = [
      {
        type: 'IssueLicence',
        actor: admin,
        at,
        data: {
          licenceId: licence.id,
          accountId: account.id,
          product: licence.product,
          edition: licence.edition,
          plan: licence.plan,
          activeUntil: licence.activeUntil,
          holderEmail: licence.holderEmail,
        },
      },
      ...licence.users.flatMap((user): LicenceCommand[] => [
        {
          type: 'AssignLicensedUser',
          actor: admin,
          at,
          data: {
            email: user.email,
            firstName: user.firstName,
            lastName: user.lastName,
            company: account.name,
            country: 'BG',
            permissions: user.permissions,
          },
        },
        { type: 'CompleteRegistration', actor: admin, at, data: { email: user.email } },
      ]),
    ];
    let licenceState: LicenceState = licenceDecider.initialState;
    const licenceEvents: DomainEvent[] = [];
    for (const command of commands) {
      const decided = licenceDecider.decide(command, licenceState, context);
      licenceState = decided.reduce(licenceDecider.evolve, licenceState);
      licenceEvents.push(...decided);
    }
    yield [`licence-${licence.id}`, admin, licenceEvents];
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
