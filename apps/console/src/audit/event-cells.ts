import { html, nothing, TemplateResult } from 'lit-html';
import type { HistoryEntry } from '../api/api-types';
import { describeEvent, withheldFromViewer } from '../cases/timeline-entry';

// The cells of the audit view's events table that say more than one value.

/**
 * The event as the API gave it to this reader. An entry whose content is withheld from them (a
 * customer's view of an internal note) stays in its place, since its hash links the chain, and says
 * so in the case page's terms, which leave it out, instead of reading like an entry they may see.
 */
export function eventCell(event: HistoryEntry): TemplateResult {
  const withheld = withheldFromViewer(event);
  if (withheld !== undefined)
    return html`${describeEvent(event).what}
      <div class="muted small">Its content is not shown to you; its hash still links the chain.</div>`;
  return html`${event.type}
    <div class="muted small">${event.actor}${event.reason ? html` · ${event.reason}` : nothing}</div>`;
}

/**
 * A row's hash, cut short, opens (by tap, click or keyboard: a tooltip reaches none of touch,
 * keyboard or copying) to the full hash and the previous one it links to, as text to select and
 * compare with an exported copy.
 */
export function hashDisclosure(event: HistoryEntry): TemplateResult {
  return html`<details class="hash-details">
    <summary>
      <code>${short(event.hash)}</code><span class="visually-hidden">, show the full hash</span>
    </summary>
    <dl class="hash-full">
      <dt>Hash</dt>
      <dd><code class="hash">${event.hash ?? '—'}</code></dd>
      <dt>Previous</dt>
      <dd><code class="hash">${event.previousHash ?? 'none (the first event)'}</code></dd>
    </dl>
  </details>`;
}

function short(hash: string | undefined): string {
  return hash ? `${hash.slice(0, 12)}…` : '—';
}
