import type { CaseView, SlaTargetView } from '../api/api-types';
import { formatDuration } from './format';

/** How a target looks: colour and word together, never colour alone. */
export type SlaTone = 'ok' | 'at-risk' | 'breached' | 'paused' | 'met' | 'met-late';

export const SLA_TONE_LABEL: Readonly<Record<SlaTone, string>> = {
  ok: 'On track',
  'at-risk': 'At risk',
  breached: 'Breached',
  paused: 'Paused',
  met: 'Met',
  'met-late': 'Met late',
};

export interface SlaStatus {
  tone: SlaTone;
  /** Time left until due (running, paused); absent once met or overdue. */
  remainingMs?: number;
  /** Time since the due time passed, while still unmet. */
  overdueMs?: number;
  /** Share of the goal used up, 0 to 1, for progress bars. */
  progress: number;
}

/**
 * A target at the instant `nowMs` (the server's, estimated): the same rules as the API's
 * evaluation, re-applied every second so countdowns tick and turn at-risk or breached on time
 * without a request.
 */
export function slaStatus(target: SlaTargetView, nowMs: number): SlaStatus {
  const dueMs = Date.parse(target.dueAt);
  if (target.state === 'met')
    return { tone: 'met', progress: progressAt(target, Date.parse(target.metAt ?? target.dueAt)) };
  if (target.state === 'breached' && target.metAt) return { tone: 'met-late', progress: 1 };
  if (target.state === 'paused') {
    const pausedAt = openPauseStart(target) ?? nowMs;
    // The server states a paused `dueAt` as if the customer answered now (it moves on while the case
    // waits); the time left is the one at the pause, its `remainingMs`.
    const leftMs = target.remainingMs ?? dueMs - pausedAt;
    return {
      tone: 'paused',
      remainingMs: Math.max(0, leftMs),
      progress: progressAt(target, pausedAt, pausedAt + leftMs),
    };
  }
  const remainingMs = dueMs - nowMs;
  if (target.state === 'breached' || remainingMs <= 0)
    return { tone: 'breached', overdueMs: Math.max(0, -remainingMs), progress: 1 };
  // The server's `atRisk` counts too: it was true at the server's instant, and a running target
  // stays at risk until due, so a browser clock estimated a little behind cannot take a case in
  // the at-risk queue back to "on track".
  const tone = target.atRisk || nowMs >= Date.parse(target.atRiskAt) ? 'at-risk' : 'ok';
  return { tone, remainingMs, progress: progressAt(target, nowMs) };
}

/** The countdown's words: `due in 3h 12m`, `overdue by 5m 2s`, `paused, 2d 4h left`. */
export function countdownText(status: SlaStatus): string {
  switch (status.tone) {
    case 'ok':
    case 'at-risk':
      return `due in ${formatDuration(status.remainingMs ?? 0)}`;
    case 'breached':
      return `overdue by ${formatDuration(status.overdueMs ?? 0)}`;
    case 'paused':
      return `paused, ${formatDuration(status.remainingMs ?? 0)} left`;
    case 'met':
      return 'met';
    case 'met-late':
      return 'met late';
  }
}

export type TargetKind = 'firstResponse' | 'resolution';

export const TARGET_LABEL: Readonly<Record<TargetKind, string>> = {
  firstResponse: 'First response',
  resolution: 'Resolution',
};

/**
 * The next target owed: the earliest-due one still owed (running, or breached and unanswered); a
 * paused one when nothing runs; none once both are met. A case row shows it when no target is
 * breached or at risk (queues/sla-targets-cell.ts).
 */
export function nextTarget(view: CaseView): { kind: TargetKind; target: SlaTargetView } | undefined {
  const kinds: TargetKind[] = ['firstResponse', 'resolution'];
  const owed = kinds
    .map((kind) => ({ kind, target: view.sla[kind] }))
    .filter(({ target }) => target.state === 'running' || (target.state === 'breached' && !target.metAt));
  if (owed.length > 0) return owed.sort((a, b) => Date.parse(a.target.dueAt) - Date.parse(b.target.dueAt))[0];
  return kinds
    .map((kind) => ({ kind, target: view.sla[kind] }))
    .find(({ target }) => target.state === 'paused');
}

/** Where the at-risk warning sits on a target's progress bar (0 to 1). */
export function atRiskShare(target: SlaTargetView): number {
  return progressAt(target, Date.parse(target.atRiskAt));
}

/**
 * Share of the goal used at `atMs`, in wall-clock terms with finished pauses left out. Business
 * calendars make this an approximation (nights and weekends count), which a bar can afford; the
 * due time and countdown beside it are exact.
 */
function progressAt(target: SlaTargetView, atMs: number, due = Date.parse(target.dueAt)): number {
  const start = Date.parse(target.startedAt);
  let pausedTotal = 0;
  let pausedBefore = 0;
  for (const pause of target.pauses) {
    const from = Math.max(Date.parse(pause.from), start);
    if (!pause.to) continue;
    const to = Date.parse(pause.to);
    if (to <= from) continue;
    pausedTotal += to - from;
    pausedBefore += Math.max(0, Math.min(to, atMs) - from);
  }
  const total = due - start - pausedTotal;
  if (total <= 0) return 1;
  return Math.min(1, Math.max(0, (atMs - start - pausedBefore) / total));
}

function openPauseStart(target: SlaTargetView): number | undefined {
  const open = [...target.pauses].reverse().find((pause) => !pause.to);
  return open ? Date.parse(open.from) : undefined;
}
