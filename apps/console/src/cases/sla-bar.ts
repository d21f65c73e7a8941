import { html, nothing, TemplateResult } from 'lit-html';
import type { SlaTargetView } from '../api/api-types';
import { cssProps } from '../shared/css-props';
import { formatGoal, formatInCaseZone, formatInstant, formatInstantsApart } from '../shared/format';
import { atRiskShare, countdownText, SLA_TONE_LABEL, slaStatus } from '../shared/sla-status';

/**
 * One SLA target as a progress bar: how much of the goal is used, where the at-risk warning sits,
 * when it is due (in the case's calendar zone and the viewer's), and every pause.
 */
export function slaBar(
  label: string,
  target: SlaTargetView,
  nowMs: number,
  timeZone: string,
): TemplateResult {
  const status = slaStatus(target, nowMs);
  const percent = Math.round(status.progress * 100);
  const words = countdownText(status);
  return html`<section class="sla-bar sla-${status.tone}" aria-label=${`${label} target`}>
    <div class="sla-bar-head">
      <h3>${label}</h3>
      <span class="sla-goal">Goal ${formatGoal(target.goal)}</span>
      <span class="sla-state sla-${status.tone}"
        ><span class="sla-dot" aria-hidden="true"></span><strong>${SLA_TONE_LABEL[status.tone]}</strong></span
      >
    </div>
    <div
      class="progress"
      role="progressbar"
      aria-label=${`${label}: share of the goal used`}
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${percent}
      aria-valuetext=${`${percent}% of the goal used, ${words}`}
    >
      <div class="progress-fill" ${cssProps({ width: `${percent}%` })}></div>
      <div
        class="progress-risk"
        ${cssProps({ left: `${Math.round(atRiskShare(target) * 100)}%` })}
        title="At-risk warning"
      ></div>
    </div>
    <p class="sla-when">
      ${
        target.state === 'met' || target.metAt
          ? metAndDue(target)
          : html`Due
              <time datetime=${target.dueAt}>${formatInstant(target.dueAt)}</time>
              ${caseTime(target.dueAt, timeZone)} · <strong class="sla-countdown">${words}</strong>`
      }
    </p>
    ${
      target.pauses.length > 0
        ? html`<ul class="pauses" aria-label="Pauses">
            ${target.pauses.map(
              (pause) =>
                html`<li>
                  Paused ${formatInstant(pause.from)}
                  ${pause.to ? html`– ${formatInstant(pause.to)}` : html`<strong>(awaiting the customer)</strong>`}
                </li>`,
            )}
          </ul>`
        : nothing
    }
  </section>`;
}

/** "Met … · was due …", with seconds when both fall in one minute, so an answer a few seconds late reads late. */
export function metAndDue(target: Pick<SlaTargetView, 'metAt' | 'dueAt'>): string {
  if (!target.metAt) return `Met · was due ${formatInstant(target.dueAt)}`;
  const [met, due] = formatInstantsApart(target.metAt, target.dueAt);
  return `Met ${met} · was due ${due}`;
}

/** The due time in the case's zone too, unless it reads the same as the viewer's. */
function caseTime(dueAt: string, timeZone: string): TemplateResult | typeof nothing {
  const there = formatInCaseZone(dueAt, timeZone);
  return there ? html`<span class="muted">(${there} case time)</span>` : nothing;
}
