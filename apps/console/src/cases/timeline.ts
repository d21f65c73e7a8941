import { html, nothing, TemplateResult } from 'lit-html';
import { repeat } from 'lit-html/directives/repeat.js';
import type { HistoryEntry } from '../api/api-types';
import { formatInstant } from '../shared/format';
import { TimelineItem, timelineItems } from './timeline-entry';

/** The case's history as a timeline: who, what, when and why; internal notes marked. */
export function timeline(entries: readonly HistoryEntry[], newestFirst: boolean): TemplateResult {
  const items = timelineItems(entries);
  if (newestFirst) items.reverse();
  return html`<ol class="timeline">
    ${repeat(items, (item) => item.id, timelineEntry)}
  </ol>`;
}

function timelineEntry(item: TimelineItem): TemplateResult {
  const classes = [
    'tl-item',
    `tl-${item.category}`,
    item.internal ? 'tl-internal' : '',
    item.alert ? 'tl-alert' : '',
  ].join(' ');
  return html`<li class=${classes} data-event-revision=${item.revision}>
    <div class="tl-head">
      <strong class="tl-who">${item.who}</strong>
      <span class="tl-what">${item.what}</span>
      ${item.internal ? html`<span class="badge badge-internal">Internal note · not shown to customers</span>` : nothing}
      <time class="tl-when" datetime=${item.at}>${formatInstant(item.at)}</time>
    </div>
    ${item.body ? html`<p class="tl-body">${item.body}</p>` : nothing}
    ${item.why ? html`<p class="tl-why"><span class="tl-why-label">Why:</span> ${item.why}</p>` : nothing}
  </li>`;
}
