import { html, nothing, TemplateResult } from 'lit-html';
import type { CaseDetailView, CaseHistory } from '../api/api-types';
import type { ConsoleContext, Page } from '../app/page';
import { formatInstant } from '../shared/format';
import { loading, pageHeading, problemAlert } from '../shared/ui';
import { assigneeNotVouchedNotice } from './assignee-not-vouched';
import { CaseActionsPanel } from './case-actions-panel';
import { caseHeader } from './case-header';
import { escalationPanel } from './escalation-panel';
import { timeline } from './timeline';

const REFRESH_MS = 30_000;
/** Coming back to the tab reloads the case at most this often (a quick alt-tab need not). */
const REFOCUS_REFRESH_MS = 5_000;

/** A case: header with SLA bars, the timeline from its history, and what the person may do. */
export class CasePage implements Page {
  readonly ticking = true;
  private detail?: CaseDetailView;
  private history?: CaseHistory;
  private problem: unknown;
  private readonly actions: CaseActionsPanel;
  private readonly refreshTimer: ReturnType<typeof setInterval>;
  private request = 0;
  private newestFirst = true;
  private loadedAt = 0;
  /**
   * Someone coming back to a case left open in another tab sees it as it is now, before they
   * reply to a stale view (the timer alone leaves up to 30 s of it).
   */
  private readonly refreshOnReturn = () => {
    if (document.visibilityState === 'visible' && Date.now() - this.loadedAt >= REFOCUS_REFRESH_MS)
      void this.load();
  };

  constructor(
    private readonly context: ConsoleContext,
    private readonly caseId: string,
  ) {
    this.actions = new CaseActionsPanel(context, () => this.load());
    void this.load();
    this.refreshTimer = setInterval(() => void this.load(), REFRESH_MS);
    document.addEventListener('visibilitychange', this.refreshOnReturn);
    window.addEventListener('focus', this.refreshOnReturn);
  }

  get title(): string {
    return this.detail?.title ?? 'Case';
  }

  dispose(): void {
    clearInterval(this.refreshTimer);
    document.removeEventListener('visibilitychange', this.refreshOnReturn);
    window.removeEventListener('focus', this.refreshOnReturn);
  }

  template(): TemplateResult {
    const detail = this.detail;
    if (!detail)
      return html`${pageHeading('Case')} ${this.problem ? problemAlert(this.problem) : loading('the case')}`;
    const nowMs = this.context.clock.now();
    return html`<article class="case-page" data-revision=${detail.revision}>
      ${caseHeader(detail, nowMs, { auditLink: true })}
      ${assigneeNotVouchedNotice(detail, this.actions.offers(detail, 'assign') ? () => this.actions.openForm('assign') : undefined)}
      ${problemAlert(this.problem)}
      <div class="case-columns">
        <section class="case-timeline" aria-labelledby="timeline-heading">
          <div class="section-heading">
            <h2 id="timeline-heading">Timeline</h2>
            <button class="button subtle small" type="button" @click=${() => this.flipOrder()}>
              ${this.newestFirst ? 'Show oldest first' : 'Show newest first'}
            </button>
          </div>
          ${this.history ? timeline(this.history.events, this.newestFirst) : loading('the history')}
        </section>
        <aside class="case-side" aria-label="Case actions and people">
          ${this.actions.template(detail)} ${escalationPanel(detail.escalation, nowMs)} ${this.people(detail)}
        </aside>
      </div>
    </article>`;
  }

  private flipOrder(): void {
    this.newestFirst = !this.newestFirst;
    this.context.requestRender();
  }

  private people(detail: CaseDetailView): TemplateResult {
    const canUnshare = this.actions.canUnshare(detail);
    return html`<section class="panel" aria-labelledby="people-heading">
      <h2 id="people-heading">People</h2>
      <h3>Case team</h3>
      ${
        detail.teamWithheld
          ? html`<p class="muted team-withheld">
              The account's case team is not shown to people a case is shared with.
            </p>`
          : detail.team.length === 0
            ? html`<p class="muted">The account has no case team.</p>`
            : html`<ul class="people">
                ${detail.team.map((member) => html`<li>${member.name} <span class="muted">${member.email}</span>${member.notify ? nothing : html` <span class="muted">(no emails)</span>`}</li>`)}
              </ul>`
      }
      <h3>Shared with</h3>
      ${
        detail.shares.length === 0
          ? html`<p class="muted">Not shared with anyone.</p>`
          : html`<ul class="people">
              ${detail.shares.map(
                (share) =>
                  html`<li>
                    ${share.name}
                    <span class="muted">${share.email} · since ${formatInstant(share.sharedAt)}</span>
                    ${
                      canUnshare
                        ? html`<button
                            class="button subtle small"
                            type="button"
                            aria-label=${`Stop sharing with ${share.email}`}
                            @click=${() => this.actions.unshare(detail, share.email)}
                          >
                            Unshare
                          </button>`
                        : nothing
                    }
                  </li>`,
              )}
            </ul>`
      }
    </section>`;
  }

  /** Reloads the case and its history; gives the history (undefined if the reload failed). */
  private async load(): Promise<CaseHistory | undefined> {
    const request = ++this.request;
    this.loadedAt = Date.now();
    const path = `/v1/cases/${encodeURIComponent(this.caseId)}`;
    try {
      const [detail, history] = await Promise.all([
        this.context.api.get<CaseDetailView>(path),
        this.context.api.get<CaseHistory>(`${path}/history`),
      ]);
      if (request !== this.request) return;
      this.context.clock.observeCase(detail);
      this.detail = detail;
      this.history = history;
      this.problem = undefined;
    } catch (error) {
      if (request === this.request) this.problem = error;
    } finally {
      this.context.requestRender();
    }
    return this.history;
  }
}
