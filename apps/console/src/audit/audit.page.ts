import { html, nothing, TemplateResult } from 'lit-html';
import type { CaseDetailView, CaseHistory, IntegrityReport } from '../api/api-types';
import type { ConsoleContext, Page } from '../app/page';
import { routeHref } from '../app/routes';
import { slaBar } from '../cases/sla-bar';
import { describeEvent } from '../cases/timeline-entry';
import { formatInstant, formatPreciseTime } from '../shared/format';
import { severityLabel } from '../shared/labels';
import { escalationBadge, loading, pageHeading, problemAlert, statusChip } from '../shared/ui';
import { AsOfStop, asOfStops } from './as-of-selection';
import { eventCell, hashDisclosure } from './event-cells';
import { integrityFindings } from './integrity-findings';

/** Dragging fires many input events; the API is asked once the slider rests this long. */
const SETTLE_MS = 120;

/**
 * The audit view: a slider over the case's recorded instants shows the case exactly as it stood
 * then (GET /v1/cases/{id}?asOf=), beside its events with their hashes and the server's verdict on
 * the hash chain (GET /v1/cases/{id}/integrity).
 */
export class AuditPage implements Page {
  private history?: CaseHistory;
  private stops: AsOfStop[] = [];
  private integrity?: IntegrityReport;
  private integrityProblem: unknown;
  private selected = 0;
  private asOf?: CaseDetailView;
  private problem: unknown;
  private asOfProblem: unknown;
  private asOfLoading = false;
  private asOfRequest = 0;
  private settleTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly context: ConsoleContext,
    private readonly caseId: string,
  ) {
    void this.load();
  }

  get title(): string {
    return this.asOf ? `Audit: ${this.asOf.title}` : 'Audit view';
  }

  dispose(): void {
    clearTimeout(this.settleTimer);
  }

  template(): TemplateResult {
    const caseHref = routeHref({ page: 'case', caseId: this.caseId });
    return html`<p class="breadcrumbs">
        <a href=${routeHref({ page: 'cases' })}>Cases</a> / <a href=${caseHref}>${this.caseId}</a> / audit
      </p>
      ${pageHeading(this.title)} ${problemAlert(this.problem)} ${this.integrityBanner()}
      ${
        !this.history
          ? this.problem
            ? nothing
            : loading('the history')
          : html`${this.slider()}
              <div class="audit-columns">${this.snapshot()} ${this.eventsTable()}</div>`
      }`;
  }

  private integrityBanner(): TemplateResult | typeof nothing {
    const report = this.integrity;
    if (!report) {
      if (!this.integrityProblem)
        return html`<div class="integrity pending" role="status">Verifying the hash chain…</div>`;
      // A refused history's problem, shown above, mostly says the same (no such case, a store down).
      return this.problem ? nothing : problemAlert(this.integrityProblem);
    }
    const verify = html`<button class="button subtle small" type="button" @click=${() => this.verify()}>
      Verify again
    </button>`;
    if (report.valid) {
      return html`<div class="integrity valid" role="status">
        <strong>Hash chain intact.</strong> All ${report.events} events verified
        ${formatInstant(report.checkedAt)}; last hash <code class="hash">${report.lastHash ?? '—'}</code>.
        ${verify}
      </div>`;
    }
    return html`<div class="integrity broken" role="alert">
      ${integrityFindings(report).map(
        ({ title, meaning, remedy }) =>
          html`<p><strong>${title}</strong> ${meaning}</p>
            ${remedy ? html`<p>${remedy}</p>` : nothing}`,
      )}
      ${verify}
    </div>`;
  }

  private slider(): TemplateResult {
    const stops = this.stops;
    const stop = stops[this.selected];
    const max = Math.max(0, stops.length - 1);
    const valueText = stop
      ? `${formatInstant(stop.at)}: ${stop.events.map((event) => event.type).join(', ')} (${stop.count} of ${this.history?.events.length} events)`
      : '';
    return html`<section class="as-of card" aria-labelledby="as-of-label">
      <div class="as-of-head">
        <label id="as-of-label" for="as-of-slider">Show the case as of</label>
        <output for="as-of-slider" class="as-of-instant">${stop ? formatInstant(stop.at) : '—'}</output>
      </div>
      <input
        id="as-of-slider"
        type="range"
        min="0"
        max=${max}
        step="1"
        .value=${String(this.selected)}
        aria-valuetext=${valueText}
        ?disabled=${stops.length < 2}
        @input=${(event: Event) => this.select(Number((event.target as HTMLInputElement).value))}
      />
      <div class="as-of-scale" aria-hidden="true">
        <span>${formatInstant(stops[0]?.at)}</span><span>${formatInstant(stops[max]?.at)}</span>
      </div>
      <p class="as-of-events">
        ${stop ? html`Event ${stop.count} of ${this.history?.events.length}: <strong>${stop.events.map((event) => describeEvent(event).what).join('; ')}</strong>` : nothing}
      </p>
    </section>`;
  }

  private snapshot(): TemplateResult {
    const view = this.asOf;
    if (!view)
      return html`<section class="panel snapshot">
        ${this.asOfProblem ? problemAlert(this.asOfProblem) : loading('the case as it stood')}
      </section>`;
    const at = Date.parse(view.asOf ?? this.stops[this.selected]?.at ?? '');
    return html`<section
      class="panel snapshot ${this.asOfLoading ? 'stale' : ''}"
      aria-labelledby="snapshot-heading"
      aria-busy=${this.asOfLoading ? 'true' : 'false'}
    >
      <h2 id="snapshot-heading">The case as of ${formatInstant(view.asOf)}</h2>
      ${problemAlert(this.asOfProblem)}
      <div class="case-badges">
        ${statusChip(view.status)}
        <span class="chip severity severity-${view.severity}" data-as-of-severity=${view.severity}
          >${severityLabel(view.severity)}</span
        >
        ${escalationBadge(view.escalation, view.priority.escalated)}
      </div>
      <dl class="facts compact">
        <div>
          <dt>Title</dt>
          <dd>${view.title}</dd>
        </div>
        <div>
          <dt>Assignee</dt>
          <dd>${view.assignee ?? 'Unassigned'}</dd>
        </div>
        <div>
          <dt>Revision</dt>
          <dd>${view.revision}</dd>
        </div>
        <div>
          <dt>Shared with</dt>
          <dd>${view.shares.length ? view.shares.map((share) => share.email).join(', ') : 'nobody'}</dd>
        </div>
      </dl>
      ${slaBar('First response', view.sla.firstResponse, at, view.timeZone)}
      ${slaBar('Resolution', view.sla.resolution, at, view.timeZone)}
    </section>`;
  }

  private eventsTable(): TemplateResult {
    const events = this.history?.events ?? [];
    const shown = this.stops[this.selected]?.count ?? events.length;
    // Unproven from the first broken link, or from the first row that cannot be read.
    const unprovenFrom = [this.integrity?.brokenAt?.revision, this.integrity?.unreadable?.revision].filter(
      (revision) => revision !== undefined,
    );
    const brokenAt = unprovenFrom.length > 0 ? Math.min(...unprovenFrom) : undefined;
    return html`<section class="panel events" aria-labelledby="events-heading">
      <h2 id="events-heading">Events and hashes</h2>
      <div class="table-wrap">
        <table class="audit-events">
          <thead>
            <tr>
              <th scope="col">Rev.</th>
              <th scope="col">Recorded</th>
              <th scope="col">Event</th>
              <th scope="col">Hash</th>
            </tr>
          </thead>
          <tbody>
            ${events.map(
              (event, index) =>
                html`<tr
                  class=${[index >= shown ? 'future' : '', brokenAt !== undefined && event.revision >= brokenAt ? 'unproven' : ''].join(' ')}
                  aria-current=${index === shown - 1 ? 'true' : nothing}
                >
                  <td data-label="Rev.">${event.revision}</td>
                  <td data-label="Recorded" class="nowrap">
                    <time datetime=${event.at}>${formatPreciseTime(event.at)}</time>
                  </td>
                  <td data-label="Event"><div>${eventCell(event)}</div></td>
                  <td data-label="Hash">${hashDisclosure(event)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private select(index: number): void {
    this.selected = index;
    this.context.requestRender();
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => void this.loadAsOf(), SETTLE_MS);
  }

  /**
   * The history and the chain's verdict side by side, not one after the other: a history refused
   * because a stored row cannot be read still gets the verdict that explains it.
   */
  private async load(): Promise<void> {
    await Promise.all([this.loadHistory(), this.verify()]);
  }

  private async loadHistory(): Promise<void> {
    try {
      this.history = await this.context.api.get<CaseHistory>(
        `/v1/cases/${encodeURIComponent(this.caseId)}/history`,
      );
      this.stops = asOfStops(this.history.events);
      this.selected = Math.max(0, this.stops.length - 1);
      this.context.requestRender();
      await this.loadAsOf();
    } catch (error) {
      this.problem = error;
      this.context.requestRender();
    }
  }

  private async loadAsOf(): Promise<void> {
    const stop = this.stops[this.selected];
    if (!stop) return;
    const request = ++this.asOfRequest;
    this.asOfLoading = true;
    this.context.requestRender();
    try {
      const view = await this.context.api.get<CaseDetailView>(
        `/v1/cases/${encodeURIComponent(this.caseId)}`,
        { asOf: stop.at },
      );
      if (request !== this.asOfRequest) return;
      this.asOf = view;
      this.asOfProblem = undefined;
    } catch (error) {
      if (request === this.asOfRequest) this.asOfProblem = error;
    } finally {
      if (request === this.asOfRequest) {
        this.asOfLoading = false;
        this.context.requestRender();
      }
    }
  }

  private async verify(): Promise<void> {
    try {
      this.integrity = await this.context.api.get<IntegrityReport>(
        `/v1/cases/${encodeURIComponent(this.caseId)}/integrity`,
      );
      this.integrityProblem = undefined;
    } catch (error) {
      this.integrityProblem = error;
    }
    this.context.requestRender();
  }
}
