import {
  businessMillisBetween,
  calendarForAccount,
  evaluateTarget,
  evolveCase,
  initialCaseState,
  isActive,
  isCaseEvent,
  openEscalation,
  type BusinessCalendar,
  type CaseEvent,
  type CaseState,
  type OpenedCase,
  type SlaTarget,
  type SupportPolicy,
} from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';

/**
 * The SLA figures computed straight from the events, the slow and obvious way, sharing no code with
 * the reporting projection or the API: every case is folded with the domain's `evolveCase`, targets
 * are judged met or breached with the domain's `evaluateTarget` and at risk by the rule restated
 * here (`isAtRiskNow`), business time is measured with the domain's calendar, and percentiles are
 * taken by nearest rank. Tests compare the API's answers with these.
 *
 * Definitions (the product's, restated):
 *  - dashboard cohort: cases opened in [from, to) of the product and accounts asked for;
 *  - open: new, in progress or awaiting the customer; breached now: open, and a target not yet
 *    answered is breached at `now`; at risk: open, and a target is at risk at `now`, whether or not
 *    the other is breached (a case can count in both), where only a running (not paused) target is
 *    at risk; escalations: not de-escalated; overdue escalations: of those, the acknowledgement
 *    (or, once acknowledged, the next status update) due by `now`;
 *  - a goal is met when its target is met, missed when it is breached at `now` (late answers
 *    included); counted under the severity of the target's goal; redirected cases have no
 *    resolution outcome;
 *  - time to first response: time on the goal's clock from the start of the target's clock
 *    (`startedAt`: the opening, or the severity upgrade that restarted it) to the first response;
 *    time to resolution: time on the goal's clock the case spent new or in progress from the start
 *    of the resolution target's clock (the opening, or the upgrade or reopening that restarted it)
 *    to the (latest) resolution; the goal's clock is the one its target records (`goal.clock`):
 *    business time on the account's calendar, or every hour for a wall-clock (24x7) goal;
 *  - daily rows: facts filed under the UTC day of their event.
 */

/**
 * The escalation open and what it owes next past due at `now`: its acknowledgement, or once
 * acknowledged its next status update.
 */
function isEscalationOverdue(final: OpenedCase, now: string): boolean {
  const escalation = openEscalation(final);
  if (!escalation) return false;
  const owedBy =
    escalation.status === 'awaiting-acknowledgement'
      ? escalation.acknowledgementDueAt
      : escalation.nextStatusUpdateDueAt;
  return Date.parse(owedBy) <= Date.parse(now);
}

interface CaseStory {
  events: CaseEvent[];
  final: OpenedCase;
}

export function caseStories(log: readonly RecordedEvent[]): Map<string, CaseStory> {
  const byCase = new Map<string, CaseEvent[]>();
  for (const recorded of log) {
    const event = { type: recorded.type, data: recorded.data } as CaseEvent;
    if (!isCaseEvent(event)) continue;
    const events = byCase.get(event.data.caseId) ?? [];
    events.push(event);
    byCase.set(event.data.caseId, events);
  }
  const stories = new Map<string, CaseStory>();
  for (const [caseId, events] of byCase) {
    const final = events.reduce<CaseState>(evolveCase, initialCaseState);
    if (final.status !== 'none') stories.set(caseId, { events, final });
  }
  return stories;
}

/** The accounts each CSM is designated for, from the account events. */
export function csmAccounts(log: readonly RecordedEvent[], csmEmail: string): string[] {
  const csmOf = new Map<string, string>();
  for (const event of log) {
    if (event.type !== 'CustomerSuccessManagerAssigned') continue;
    const data = event.data as { accountId: string; email: string };
    csmOf.set(data.accountId, data.email);
  }
  return [...csmOf].filter(([, email]) => email === csmEmail).map(([accountId]) => accountId);
}

export interface Cohort {
  from?: string;
  to?: string;
  product?: string;
  accounts?: readonly string[];
}

export function expectedDashboard(
  stories: Map<string, CaseStory>,
  cohort: Cohort,
  now: string,
  policy: SupportPolicy,
) {
  const figures = [1, 2, 3].map((severity) => ({
    severity,
    open: 0,
    breachedNow: 0,
    atRisk: 0,
    openEscalations: 0,
    overdueEscalations: 0,
    firstResponse: new Goal(),
    resolution: new Goal(),
  }));
  for (const { events, final } of stories.values()) {
    if (cohort.from !== undefined && final.openedAt < cohort.from) continue;
    if (cohort.to !== undefined && final.openedAt >= cohort.to) continue;
    if (cohort.product !== undefined && final.product !== cohort.product) continue;
    if (cohort.accounts !== undefined && !cohort.accounts.includes(final.accountId)) continue;
    const calendar = calendarForAccount(policy, final.timeZone);
    const current = figures[final.severity - 1];
    const targets = [final.targets.firstResponse, final.targets.resolution];
    const breached =
      isActive(final) &&
      targets.some((target) => !target.metAt && evaluateTarget(target, now).state === 'breached');
    const atRisk = isActive(final) && targets.some((target) => isAtRiskNow(target, now));
    current.open += isActive(final) ? 1 : 0;
    current.breachedNow += breached ? 1 : 0;
    current.atRisk += atRisk ? 1 : 0;
    current.openEscalations += openEscalation(final) ? 1 : 0;
    current.overdueEscalations += isEscalationOverdue(final, now) ? 1 : 0;

    const firstResponse = final.targets.firstResponse;
    figures[firstResponse.severity - 1].firstResponse.judge(
      firstResponse,
      now,
      final.firstResponseAt
        ? onGoalClock(firstResponse, calendar)(firstResponse.startedAt, final.firstResponseAt)
        : undefined,
    );
    if (final.status === 'redirected') continue;
    const resolution = final.targets.resolution;
    const resolvedAt =
      final.status === 'resolved' || final.status === 'closed' ? final.resolvedAt : undefined;
    figures[resolution.severity - 1].resolution.judge(
      resolution,
      now,
      resolvedAt
        ? timeWithSupport(events, resolution.startedAt, resolvedAt, onGoalClock(resolution, calendar))
        : undefined,
    );
  }
  return figures.map(({ firstResponse, resolution, ...counts }) => ({
    ...counts,
    firstResponse: firstResponse.figures(),
    resolution: resolution.figures(),
  }));
}

export function expectedDailyRows(
  stories: Map<string, CaseStory>,
  days: { from: string; to: string },
  policy: SupportPolicy,
  accounts?: readonly string[],
) {
  const rows = new Map<string, DailyTally>();
  const tally = (at: string, severity: number) => {
    const day = at.slice(0, 10);
    if (day < days.from || day > days.to) return undefined;
    const key = `${day}|${severity}`;
    if (!rows.has(key)) rows.set(key, new DailyTally());
    return rows.get(key)!;
  };
  for (const { events, final } of stories.values()) {
    if (accounts !== undefined && !accounts.includes(final.accountId)) continue;
    const calendar = calendarForAccount(policy, final.timeZone);
    let state: CaseState = initialCaseState;
    for (const [index, event] of events.entries()) {
      const before = state;
      state = evolveCase(state, event);
      if (state.status === 'none') continue;
      const at = event.data.at;
      switch (event.type) {
        case 'CaseOpened':
          tally(at, event.data.severity)?.opened.push(1);
          break;
        case 'FirstResponseGiven':
          tally(at, event.data.target.severity)?.firstResponses.push({
            met: event.data.target.state === 'met',
            ms: onGoalClock(event.data.target, calendar)(event.data.target.startedAt, at),
          });
          break;
        case 'CaseResolved':
          tally(at, event.data.targets.resolution.severity)?.resolutions.push({
            met: event.data.targets.resolution.state === 'met',
            ms: timeWithSupport(
              events.slice(0, index + 1),
              event.data.targets.resolution.startedAt,
              at,
              onGoalClock(event.data.targets.resolution, calendar),
            ),
          });
          break;
        case 'SlaTargetBreached': {
          const target = event.data.target === 'first-response' ? 'firstResponse' : 'resolution';
          tally(at, (before as OpenedCase).targets[target].severity)?.breaches.push(1);
          break;
        }
        case 'CaseEscalated':
          tally(at, state.severity)?.escalations.push(1);
          break;
        case 'CaseRedirected':
          tally(at, state.severity)?.redirections.push(1);
          break;
        default:
          break;
      }
    }
  }
  const result = [];
  for (let day = days.from; day <= days.to; day = nextDay(day)) {
    for (const severity of [1, 2, 3])
      result.push((rows.get(`${day}|${severity}`) ?? new DailyTally()).row(day, severity));
  }
  return result;
}

/**
 * At risk, judged here rather than by the domain's `evaluateTarget`: a running clock at or past its
 * at-risk instant and not yet due. A paused clock is not at risk, whatever it had reached when it
 * paused: the case awaits the customer, nobody at the vendor can act on it, and the engineers'
 * at-risk queue leaves it out; once resumed it is at risk again if its at-risk instant has passed.
 */
function isAtRiskNow(target: SlaTarget, now: string): boolean {
  const nowMs = Date.parse(now);
  return (
    target.state === 'running' && Date.parse(target.atRiskAt) <= nowMs && nowMs < Date.parse(target.dueAt)
  );
}

/** How the time between two instants counts against `target`'s goal: all of it for a wall-clock goal. */
function onGoalClock(target: SlaTarget, calendar: BusinessCalendar): (a: string, b: string) => number {
  return target.goal.clock === 'wall'
    ? (a, b) => Date.parse(b) - Date.parse(a)
    : (a, b) => businessMillisBetween(calendar, a, b);
}

/**
 * Time the case spent new or in progress between `from` (the start of the target's clock) and
 * `until`, replaying its statuses: a stretch with support that began before `from` counts from
 * `from` on.
 */
function timeWithSupport(
  events: readonly CaseEvent[],
  from: string,
  until: string,
  millis: (a: string, b: string) => number,
): number {
  const fromMs = Date.parse(from);
  let state: CaseState = initialCaseState;
  let since: string | undefined;
  let total = 0;
  for (const event of events) {
    if (event.data.at > until) break;
    state = evolveCase(state, event);
    const withSupport = state.status === 'new' || state.status === 'in-progress';
    if (withSupport && since === undefined) since = event.data.at;
    if (!withSupport && since !== undefined) {
      const start = Date.parse(since) < fromMs ? from : since;
      if (Date.parse(start) < Date.parse(event.data.at)) total += millis(start, event.data.at);
      since = undefined;
    }
  }
  return total;
}

function nearestRank(values: number[], percent: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((percent * sorted.length) / 100) - 1];
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 100;
}

class Goal {
  private met = 0;
  private missed = 0;
  private readonly times: number[] = [];

  judge(target: SlaTarget, now: string, time: number | undefined): void {
    const state = evaluateTarget(target, now).state;
    if (state === 'met') this.met += 1;
    if (state === 'breached') this.missed += 1;
    if (time !== undefined) this.times.push(time);
  }

  figures() {
    return {
      met: this.met,
      missed: this.missed,
      metPercent: percent(this.met, this.met + this.missed),
      measured: this.times.length,
      medianBusinessMs: nearestRank(this.times, 50),
      p90BusinessMs: nearestRank(this.times, 90),
    };
  }
}

class DailyTally {
  readonly opened: number[] = [];
  readonly firstResponses: { met: boolean; ms: number }[] = [];
  readonly resolutions: { met: boolean; ms: number }[] = [];
  readonly breaches: number[] = [];
  readonly escalations: number[] = [];
  readonly redirections: number[] = [];

  row(date: string, severity: number) {
    const met = (list: { met: boolean }[]) => list.filter((item) => item.met).length;
    const times = (list: { ms: number }[]) => list.map((item) => item.ms);
    return {
      date,
      severity,
      opened: this.opened.length,
      firstResponses: this.firstResponses.length,
      firstResponsesMet: met(this.firstResponses),
      firstResponseMetPercent: percent(met(this.firstResponses), this.firstResponses.length),
      firstResponseMedianBusinessMs: nearestRank(times(this.firstResponses), 50),
      firstResponseP90BusinessMs: nearestRank(times(this.firstResponses), 90),
      resolutions: this.resolutions.length,
      resolutionsMet: met(this.resolutions),
      resolutionMetPercent: percent(met(this.resolutions), this.resolutions.length),
      resolutionMedianBusinessMs: nearestRank(times(this.resolutions), 50),
      resolutionP90BusinessMs: nearestRank(times(this.resolutions), 90),
      breaches: this.breaches.length,
      escalations: this.escalations.length,
      redirections: this.redirections.length,
    };
  }
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
}
