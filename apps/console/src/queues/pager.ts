import { html, nothing, TemplateResult } from 'lit-html';
import type { CursorPages } from './cursor-pages';

/** Previous / next buttons over keyset pages (queues, case lists); nothing when there is one page. */
export function pager(
  pages: CursorPages,
  busy: boolean,
  turn: (direction: 1 | -1) => void,
): TemplateResult | typeof nothing {
  if (!pages.hasPrevious && !pages.hasNext) return nothing;
  return html`<nav class="pager" aria-label="Pages">
    <button class="button" type="button" ?disabled=${!pages.hasPrevious || busy} @click=${() => turn(-1)}>
      Previous page
    </button>
    <span aria-live="polite">Page ${pages.pageNumber}</span>
    <button class="button" type="button" ?disabled=${!pages.hasNext || busy} @click=${() => turn(1)}>
      Next page
    </button>
  </nav>`;
}
