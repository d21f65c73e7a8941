import type { SupportPolicy } from '../../policy/support-policy';
import { isSeverityUpgrade, type Severity } from '../../policy/support-vocabulary';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { instantToMillis, millisToInstant, type IsoInstant } from '../time/iso-instant';
import type { SlaDuration } from '../time/sla-duration';
import {
  addGoalAmount,
  addGoalSpan,
  carriedOverPauses,
  deadlinesFrom,
  frozenAtMs,
  instantWhenUsed,
  type TargetDeadlines,
} from './goal-clock';
import type { EndedRun, SlaTarget, SlaTargets } from './sla-target';

export interface SeverityChangeInput {
  targets: SlaTargets;
  oldSeverity: Severity;
  newSeverity: Severity;
  changedAt: IsoInstant;
  /** When the case was opened: a downgrade recomputes from here. */
  openedAt: IsoInstant;
  policy: SupportPolicy;
  calendar: BusinessCalendar;
}

export type SeverityChangeDirection = 'upgrade' | 'downgrade' | 'unchanged';

/** What a `SeverityChanged` event records about SLA targets. */
export interface SeverityChangeTargets {
  direction: SeverityChangeDirection;
  before: SlaTargets;
  after: SlaTargets;
}

/**
 * Recompute a case's targets for a severity change (DOMAIN.md "Severity change"). Only unmet
 * targets (running or paused) change; met targets stay met and breached targets stay breached (the
 * breach is already a recorded fact, and reports count it under the severity in force then).
 *
 * - Upgrade (to a lower number): the unmet clock restarts at `changedAt` under the new goal, but
 *   never later than it was already due: more urgency never loosens a target (the escalation
 *   status-update cadence follows the same rule). Restarting from the change also means an upgrade
 *   never makes a case breached retroactively. A paused clock restarts paused.
 * - Downgrade: the unmet clock is recomputed from the case's opening under the new goal, leaving
 *   out all paused time recorded so far, but never earlier than it was due (a policy whose goals do
 *   not grow with the severity number would otherwise bring a deadline forward). Back to a severity
 *   the clock already ran at, it resumes that run as it was while its deadline is still ahead
 *   (`resumedRunAtSeverity`), so a policy update since the opening does not change the deadline.
 *
 * So a round trip (3 to 2 and back to 3) leaves every unmet deadline where it was: the upgrade can
 * only bring it forward, and the downgrade's recomputation from the opening gives back the original
 * one, the later of the two.
 *
 * The other round trip (1 to 2 and back to 1) must not restart the clock either, or two requests
 * would turn a severity-1 deadline minutes away into a fresh goal. A downgrade therefore records the
 * run it ended (`downgradedFrom`: its start and the deadlines it had), and an upgrade back to that
 * severity, or to one between, runs the clock from that run's start under the new goal while that
 * deadline is still ahead: never a retroactive breach, and never more time than the case had before
 * the downgrade. Back at the run's own severity it also keeps the deadlines the run had (moved on
 * by the waits for the customer since): a run a raise held to an earlier deadline (2 to 1 with fewer
 * than 7 business days of the severity-2 goal left) is held to it again after 3 and back to 1, not
 * given the full goal from its start. Once that deadline has passed (the case spent it at the lower
 * severity), the upgrade restarts from the change as DOMAIN.md says. A run recorded before the
 * deadlines were (start only) is resumed from its start alone, as it was then.
 *
 * An upgrade to a severity the clock last left with its deadlines still ahead (`endedRuns`)
 * resumes that run as it was (start, goal, at-risk share, policy version, deadlines), whatever
 * changes came before; only without one does it fall back to `downgradedFrom`. Otherwise, after a
 * policy update, 2 to 1 to 2, 3 and back to 2 counted the new policy's severity-2 goal from the
 * severity-1 run's start.
 *
 * More generally, every change remembers the run it ended, the last one at each severity
 * (`endedRuns`), and an upgrade is never due later than the deadline the case last had at the new
 * severity or a less urgent one while it is still ahead (`heldToRemembered`): 2 to 1, 3 and back to
 * 2 stays due when severity 2 was.
 *
 * The at-risk instant goes with the due time it belongs to: the new clock's pair when its due time
 * wins, otherwise the pair the target had. A recomputed clock gets the new policy's version and
 * at-risk share, and keeps the time its last warning was recorded, which covers any warning point at
 * or before it (`atRiskWarningOwed`): a warning point restored by a round trip is not warned twice,
 * one moved later is warned again.
 */
export function recomputeTargetsOnSeverityChange(input: SeverityChangeInput): SeverityChangeTargets {
  const { targets, oldSeverity, newSeverity } = input;
  if (oldSeverity === newSeverity) return { direction: 'unchanged', before: targets, after: targets };
  const direction: SeverityChangeDirection = isSeverityUpgrade(oldSeverity, newSeverity)
    ? 'upgrade'
    : 'downgrade';
  const recompute = direction === 'upgrade' ? restartAtChange : downgradeFromOpening;
  return {
    direction,
    before: targets,
    after: {
      firstResponse: recompute(targets.firstResponse, input),
      resolution: recompute(targets.resolution, input),
    },
  };
}

function isUnmet(target: SlaTarget): boolean {
  return target.state === 'running' || target.state === 'paused';
}

function restartAtChange(target: SlaTarget, input: SeverityChangeInput): SlaTarget {
  if (!isUnmet(target)) return target;
  const changedAtMs = instantToMillis(input.changedAt);
  const goal = goalFor(target, input);
  // A paused clock restarts paused at the change: its deadlines are stated as of the change.
  const restarted = retarget(target, input, {
    goal,
    startedAtMs: changedAtMs,
    deadlines: {
      dueMs: addGoalAmount(input.calendar, goal, changedAtMs, goal.amount),
      atRiskMs: addGoalAmount(input.calendar, goal, changedAtMs, goal.amount * input.policy.atRiskShare),
    },
  });
  // The resumed run is never looser than a fresh start (it began earlier on the same goal), so the
  // only question is whether its deadline is still ahead: never a retroactive breach. Comparing it
  // with the fresh start as well would let rounding decide where the two meet (a run that used a
  // millisecond of a long day, resumed on a short one), and a paused clock would then state its
  // deadlines as of the change instead of as of its pause.
  const stillAhead = (candidate: { run: SlaTarget; asItWas: boolean } | undefined) =>
    candidate !== undefined && deadlinesFrom(candidate.run, changedAtMs, input.calendar).dueMs > changedAtMs
      ? candidate
      : undefined;
  // The last run at the new severity first, whatever changes came before it: after a policy update
  // the run `downgradedFrom` names may be a more urgent one (2 to 1 to 2, then 3 and back to 2), and
  // its start under the new policy's goal took a shorter goal than severity 2 ever had.
  const resumed =
    stillAhead(lastRunAtNewSeverity(target, input)) ?? stillAhead(resumedEndedRun(target, input, goal));
  const chosen = resumed?.run ?? restarted;
  // A run resumed as it was also brings back its at-risk point when the lower severity left the
  // due time alone (a policy update may have moved only the warning).
  const asItWas = resumed?.asItWas ?? false;
  const raised = settle(
    target,
    chosen,
    input,
    (fresh, current) => fresh < current || (asItWas && fresh === current),
  );
  return { ...heldToRemembered(raised, target, input, goal), endedRuns: withEndedRun(target, input) };
}

/**
 * `raised` held to the deadlines the case last had at each severity it left that is as urgent as
 * the new one or less (`endedRuns`, and `downgradedFrom` for runs recorded before them), moved on
 * by the waits for the customer since, while they are still ahead: more urgency never gives more
 * time than the case already had at a less urgent severity. Without it 2 to 1 to 3 and back to 2
 * counted the severity-2 goal from the raise to 1 (or kept the severity-3 deadline) and ended days
 * later than severity 2 was due all along. A remembered deadline already passed leaves the raise as
 * it is (it restarts from the change: never a retroactive breach).
 */
function heldToRemembered(
  raised: SlaTarget,
  target: SlaTarget,
  input: SeverityChangeInput,
  goal: SlaDuration,
): SlaTarget {
  const changedAtMs = instantToMillis(input.changedAt);
  let held = raised;
  for (const run of [target.downgradedFrom, ...(target.endedRuns ?? [])]) {
    if (run === undefined || run.severity < input.newSeverity) continue;
    const deadlines = heldDeadlines(run, target, input, goal);
    if (deadlines === undefined) continue;
    const remembered = retarget(target, input, {
      goal,
      startedAtMs: instantToMillis(run.startedAt),
      deadlines,
    });
    held = settle(remembered, held, input, (fresh, rememberedDue) => {
      return fresh <= rememberedDue || rememberedDue <= changedAtMs;
    });
  }
  return held;
}

/** The clock's ended runs with the one this change ends, which replaces any earlier one at its severity. */
function withEndedRun(target: SlaTarget, input: SeverityChangeInput): readonly EndedRun[] {
  const ended = endedRun(target, input);
  return [...(target.endedRuns ?? []).filter((run) => run.severity !== ended.severity), ended];
}

/**
 * The run a downgrade ended, started again under the new goal from its own start (pauses left
 * out, as a downgrade counts them), when the upgrade goes back to its severity or to a less urgent
 * one; undefined otherwise. A goal more urgent than that run's was never promised from its start.
 *
 * Back at the run's own severity, it is also held to the deadlines that run had when it was
 * lowered (moved on by the pauses since): a run started by a raise may have been held to the
 * earlier deadline of the severity it was raised from, and raising it back must not forget that
 * (2 to 1 with days of the severity-2 goal left, then 3, then 1 again used to get the full
 * severity-1 goal from the first raise).
 */
function resumedEndedRun(
  target: SlaTarget,
  input: SeverityChangeInput,
  goal: SlaDuration,
): { run: SlaTarget; asItWas: boolean } | undefined {
  const ended = target.downgradedFrom;
  if (ended === undefined || input.newSeverity < ended.severity) return undefined;
  // Back at the run's own severity it resumes as it was, on its own goal: under the policy it ran
  // under that is never later than its goal counted from its start (a raise may have held it
  // earlier), and after a policy update it is neither a shorter goal already spent (2 to 3 and back
  // to 2 turning a deadline due tomorrow into one minutes away) nor a longer one.
  const held =
    input.newSeverity === ended.severity
      ? heldDeadlines(ended, target, input, ended.goal ?? goal)
      : undefined;
  if (held !== undefined) return { run: resumedAsItWas(target, input, ended, held), asItWas: true };
  const startedAtMs = instantToMillis(ended.startedAt);
  const used = (amount: number) => instantWhenUsed(input.calendar, goal, startedAtMs, target.pauses, amount);
  const deadlines = { dueMs: used(goal.amount), atRiskMs: used(goal.amount * input.policy.atRiskShare) };
  return { run: retarget(target, input, { goal, startedAtMs, deadlines }), asItWas: false };
}

/**
 * The last run the clock had at the severity a raise goes back to (`endedRuns`), resumed as it was
 * (its start, goal, at-risk share, policy version and deadlines, moved on by the waits for the
 * customer since); undefined when there is none or it was recorded without its deadlines.
 */
function lastRunAtNewSeverity(
  target: SlaTarget,
  input: SeverityChangeInput,
): { run: SlaTarget; asItWas: boolean } | undefined {
  const run = target.endedRuns?.find((ended) => ended.severity === input.newSeverity);
  if (run === undefined) return undefined;
  const deadlines = heldDeadlines(run, target, input, run.goal ?? goalFor(target, input));
  if (deadlines === undefined) return undefined;
  return { run: resumedAsItWas(target, input, run, deadlines), asItWas: true };
}

/**
 * The target on the run it resumes: the run's start, its goal, at-risk share and policy version
 * (those in force now for a run recorded without them) and the given deadlines, so the case
 * detail explains the due time it shows.
 */
function resumedAsItWas(
  target: SlaTarget,
  input: SeverityChangeInput,
  run: EndedRun,
  deadlines: TargetDeadlines,
): SlaTarget {
  const resumed = retarget(target, input, {
    goal: run.goal ?? goalFor(target, input),
    startedAtMs: instantToMillis(run.startedAt),
    deadlines,
  });
  return {
    ...resumed,
    atRiskShare: run.atRiskShare ?? resumed.atRiskShare,
    policyVersion: run.policyVersion ?? resumed.policyVersion,
  };
}

/** The deadlines the ended run had at the downgrade, moved on by the pauses since; undefined for a
 * run recorded without them (before they were recorded). */
function heldDeadlines(
  ended: EndedRun,
  target: SlaTarget,
  input: SeverityChangeInput,
  goal: SlaDuration,
): TargetDeadlines | undefined {
  if (ended.dueAt === undefined || ended.atRiskAt === undefined || ended.statedAsOf === undefined)
    return undefined;
  const asOfMs = instantToMillis(ended.statedAsOf);
  const carried = (instant: IsoInstant) =>
    carriedOverPauses(input.calendar, goal, asOfMs, target.pauses, instantToMillis(instant));
  return { dueMs: carried(ended.dueAt), atRiskMs: carried(ended.atRiskAt) };
}

/**
 * A downgrade recomputes from the opening, unless it goes back to a severity the clock already ran
 * at and that run's deadline is still ahead: it then resumes that run (`resumedRunAtSeverity`).
 * The clock remembers the run it ended, unless it already remembers a more urgent one (1 to 2 to 3
 * keeps severity 1's run).
 */
function downgradeFromOpening(target: SlaTarget, input: SeverityChangeInput): SlaTarget {
  if (!isUnmet(target)) return target;
  const earlier = target.downgradedFrom;
  const downgradedFrom =
    earlier !== undefined && earlier.severity < target.severity ? earlier : endedRun(target, input);
  const lowered = resumedRunAtSeverity(target, input) ?? recomputeFromOpening(target, input);
  return { ...lowered, downgradedFrom, endedRuns: withEndedRun(target, input) };
}

/**
 * The last run at the severity a downgrade goes back to (`endedRuns`), resumed as it was: its start,
 * goal and policy version, its due and at-risk instants moved on by the waits for the customer
 * since, while that due time is still ahead; never earlier than the target is due now (a downgrade
 * never tightens). So 2 to 1 and straight back to 2 leaves the case due when it was, even after a
 * policy update: recomputing from the opening under the policy in force gave the case the new
 * policy's goal (10 business days more when severity 2 went from 14 to 20) and moved its at-risk
 * point with the new share. Undefined when there is no such run, it was recorded without its
 * deadlines (recomputed from the opening, as before), or its deadline has passed.
 */
function resumedRunAtSeverity(target: SlaTarget, input: SeverityChangeInput): SlaTarget | undefined {
  const resumed = lastRunAtNewSeverity(target, input)?.run;
  if (resumed === undefined) return undefined;
  const changedAtMs = instantToMillis(input.changedAt);
  if (deadlinesFrom(resumed, changedAtMs, input.calendar).dueMs <= changedAtMs) return undefined;
  return settle(target, resumed, input, (fresh, current) => fresh >= current);
}

/** The run a downgrade ends, with the deadlines it had, stated as the target states them. */
function endedRun(target: SlaTarget, input: SeverityChangeInput): EndedRun {
  return {
    severity: target.severity,
    startedAt: target.startedAt,
    dueAt: target.dueAt,
    atRiskAt: target.atRiskAt,
    statedAsOf: millisToInstant(frozenAtMs(target) ?? instantToMillis(input.changedAt)),
    goal: target.goal,
    atRiskShare: target.atRiskShare,
    policyVersion: target.policyVersion,
  };
}

function recomputeFromOpening(target: SlaTarget, input: SeverityChangeInput): SlaTarget {
  if (!isUnmet(target)) return target;
  const openedAtMs = instantToMillis(input.openedAt);
  const goal = goalFor(target, input);
  // For a paused clock this is stated as of the pause, the convention for a clock that started
  // (at the opening) before its open pause.
  const used = (amount: number) => instantWhenUsed(input.calendar, goal, openedAtMs, target.pauses, amount);
  const recomputed = retarget(target, input, {
    goal,
    startedAtMs: openedAtMs,
    deadlines: { dueMs: used(goal.amount), atRiskMs: used(goal.amount * input.policy.atRiskShare) },
  });
  return settle(target, recomputed, input, (fresh, current) => fresh >= current);
}

/**
 * The recomputed clock when `prefer(its due time, the current one)`, otherwise the recomputed clock
 * with the deadlines the target had. Due times are compared as of the change: a paused clock's as
 * if the customer had answered at the change (each carried on its own goal's clock), so the choice
 * does not depend on whether the case awaits the customer. The at-risk instant goes with the due
 * time it belongs to.
 */
function settle(
  target: SlaTarget,
  recomputed: SlaTarget,
  input: SeverityChangeInput,
  prefer: (freshDueMs: number, currentDueMs: number) => boolean,
): SlaTarget {
  const changedAtMs = instantToMillis(input.changedAt);
  const fresh = deadlinesFrom(recomputed, changedAtMs, input.calendar);
  const current = deadlinesFrom(target, changedAtMs, input.calendar);
  if (prefer(fresh.dueMs, current.dueMs)) return recomputed;
  const kept = restateFromChange(recomputed, current, changedAtMs, input.calendar);
  return { ...recomputed, dueAt: millisToInstant(kept.dueMs), atRiskAt: millisToInstant(kept.atRiskMs) };
}

/**
 * Deadlines as of the change, stated the way `target` states its own: as they are for a running
 * clock, or moved back to the instant a paused clock froze, on its goal's clock (the inverse of
 * `deadlinesFrom`). An instant already reached when it froze stays.
 */
function restateFromChange(
  target: SlaTarget,
  deadlines: TargetDeadlines,
  changedAtMs: number,
  calendar: BusinessCalendar,
): TargetDeadlines {
  const frozenAt = frozenAtMs(target);
  if (frozenAt === undefined || frozenAt === changedAtMs) return deadlines;
  const back = (instantMs: number) =>
    instantMs <= frozenAt ? instantMs : addGoalSpan(calendar, target.goal, frozenAt, changedAtMs, instantMs);
  return { dueMs: back(deadlines.dueMs), atRiskMs: back(deadlines.atRiskMs) };
}

function goalFor(target: SlaTarget, input: SeverityChangeInput): SlaDuration {
  const goals = input.policy.severities[input.newSeverity];
  return target.kind === 'first-response' ? goals.responseGoal : goals.resolutionGoal;
}

/** The target on its new severity's goal and policy, with the chosen deadlines, in the state it was in. */
function retarget(
  target: SlaTarget,
  input: SeverityChangeInput,
  clock: { goal: SlaDuration; startedAtMs: number; deadlines: TargetDeadlines },
): SlaTarget {
  return {
    ...target,
    severity: input.newSeverity,
    goal: clock.goal,
    atRiskShare: input.policy.atRiskShare,
    policyVersion: input.policy.version,
    startedAt: millisToInstant(clock.startedAtMs),
    dueAt: millisToInstant(clock.deadlines.dueMs),
    atRiskAt: millisToInstant(clock.deadlines.atRiskMs),
  };
}
