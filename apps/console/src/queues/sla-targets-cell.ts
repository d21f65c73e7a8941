import { html, TemplateResult } from 'lit-html';
import type { CaseView, SlaTargetView } from '../api/api-types';
import { formatDuration } from '../shared/format';
import {
  countdownText,
  nextTarget,
  SLA_TONE_LABEL,
  SlaStatus,
  slaStatus,
  TARGET_LABEL,
  TargetKind,
} from '../shared/sla-status';

const TARGET_KINDS: readonly TargetKind[] = ['firstResponse', 'resolution'];

export interface ShownTarget {
  kind: TargetKind;
  target: SlaTargetView;
  status: SlaStatus;
}

/**
 * The targets a case row shows at `nowMs`: every target someone must act on now (breached and
 * still owed, or at risk), earliest due first; otherwise the next one owed, or a paused one; none
 * once both are met. Showing only the earliest owed target hid why a case is in the at-risk queue
 * when its first response was already breached and its resolution had just come at risk.
 */
export function slaTargetsToShow(view: CaseView, nowMs: number): ShownTarget[] {
  const all = TARGET_KINDS.map((kind) => {
    const target = view.sla[kind];
    return { kind, target, status: slaStatus(target, nowMs) };
  });
  const urgent = all.filter(({ status }) => status.tone === 'breached' || status.tone === 'at-risk');
  if (urgent.length > 0) {
    return urgent.sort((a, b) => Date.parse(a.target.dueAt) - Date.parse(b.target.dueAt));
  }
  const next = nextTarget(view);
  return all.filter(({ kind }) => kind === next?.kind);
}

/**
 * The SLA cell of a case row, one line per target shown: which target, its state in words and
 * colour, and its countdown (`Resolution At risk due in 3h 20m`). In a narrow column the
 * countdown wraps under the target's name (console.css, `.sla-lines`).
 */
export function slaTargetsCell(view: CaseView, nowMs: number): TemplateResult {
  const shown = slaTargetsToShow(view, nowMs);
  if (shown.length === 0) return html`<span class="muted">${allMetText(view)}</span>`;
  return html`<ul class="sla-lines">
    ${shown.map(
      ({ kind, status }) =>
        html`<li class="sla-line sla-${status.tone}">
          <span class="sla-dot" aria-hidden="true"></span>
          <span class="sla-words"
            ><span class="sla-what"
              ><span class="sla-target">${TARGET_LABEL[kind]}</span>
              <strong>${SLA_TONE_LABEL[status.tone]}</strong></span
            >
            <span class="sla-countdown">${lineCountdown(status)}</span></span
          >
        </li>`,
    )}
  </ul>`;
}

/** The countdown after the state's word: `Paused paused, 2d 4h left` would say it twice. */
function lineCountdown(status: SlaStatus): string {
  return status.tone === 'paused' ? `${formatDuration(status.remainingMs ?? 0)} left` : countdownText(status);
}

/** Both targets met; a late one is still worth a word, as the case detail's bars show it. */
function allMetText(view: CaseView): string {
  const late = TARGET_KINDS.filter((kind) => view.sla[kind].state === 'breached').map((kind) =>
    TARGET_LABEL[kind].toLowerCase(),
  );
  return late.length > 0 ? `All met, ${late.join(' and ')} late` : 'All met';
}
