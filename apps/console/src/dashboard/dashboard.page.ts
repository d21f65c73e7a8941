import { html, nothing, TemplateResult } from 'lit-html';
import { ref } from 'lit-html/directives/ref.js';
import type {
  ReportCoverageView,
  SeverityFiguresView,
  SlaDailyReportView,
  SlaDashboardView,
} from '../api/api-types';
import type { ConsoleContext, Page } from '../app/page';
import type { Route } from '../app/routes';
import { focusFirstProblem } from '../shared/focus';
import { coverageNote } from '../shared/report-coverage';
import { addDays, utcDay } from '../shared/format';
import { loading, pageHeading, problemAlert } from '../shared/ui';
import { saveBlob } from './csv-download';
import { DashboardChart, SEVERITY_COLOURS } from './dashboard-charts';
import { DailyBreaches, dailyBreaches, severityRows } from './dashboard-data';
import { figuresDefinition, goalsMet, overdueEscalationsNote, severityTile } from './dashboard-tiles';

const REFRESH_MS = 60_000;
const DEFAULT_DAYS = 30;

type DashboardRoute = Extract<Route, { page: 'dashboard' }>;

/**
 * The SLA dashboard: per-severity tiles (open, breached now, at risk, open and overdue escalations, goals met,
 * median and p90 times) and charts, for a date range and product, with the daily report as CSV.
 */
export class DashboardPage implements Page {
  readonly title = 'SLA dashboard';
  private readonly from: string;
  private readonly to: string;
  private figures?: SeverityFiguresView[];
  private overdueEscalations?: number;
  /** Whose accounts the figures cover (a CSM's or a customer's auditor's: theirs only). */
  private scope?: ReportCoverageView;
  private daily?: DailyBreaches;
  private problem: unknown;
  private dailyProblem: unknown;
  private downloading = false;
  private readonly goalsChart = new DashboardChart();
  private readonly breachesChart = new DashboardChart();
  private readonly escalationsChart = new DashboardChart();
  private readonly refreshTimer: ReturnType<typeof setInterval>;

  constructor(
    private readonly context: ConsoleContext,
    private readonly route: DashboardRoute,
  ) {
    const today = utcDay(context.clock.now());
    this.to = route.to ?? today;
    this.from = route.from ?? addDays(this.to, -(DEFAULT_DAYS - 1));
    void this.load();
    this.refreshTimer = setInterval(() => void this.load(), REFRESH_MS);
  }

  dispose(): void {
    clearInterval(this.refreshTimer);
    for (const chart of [this.goalsChart, this.breachesChart, this.escalationsChart]) chart.destroy();
  }

  template(): TemplateResult {
    return html`${pageHeading(
      this.title,
      html`<button
        class="button"
        type="button"
        ?disabled=${this.downloading}
        title="Per day: the responses, resolutions and breaches that happened that day"
        @click=${() => this.downloadCsv()}
      >
        ${this.downloading ? 'Preparing CSV…' : 'Download daily report (CSV)'}
      </button>`,
    )}
    ${this.filters()} ${figuresDefinition({ from: this.from, to: this.to, product: this.route.product })}
    ${coverageNote(this.scope)} ${problemAlert(this.problem)}
    ${this.figures ? this.tiles(this.figures) : this.problem ? nothing : loading('the dashboard')}
    ${this.charts()}`;
  }

  private filters(): TemplateResult {
    return html`<form
      class="filters"
      role="search"
      aria-label="Dashboard filters"
      @submit=${(event: SubmitEvent) => this.apply(event)}
    >
      <div class="field">
        <label for="dash-from">From</label
        ><input id="dash-from" name="from" type="date" .value=${this.from} max=${this.to} />
      </div>
      <div class="field">
        <label for="dash-to">To</label><input id="dash-to" name="to" type="date" .value=${this.to} />
      </div>
      <div class="field">
        <label for="dash-product">Product</label>
        <input
          id="dash-product"
          name="product"
          .value=${this.route.product ?? ''}
          placeholder="All products"
        />
      </div>
      <div class="filter-actions"><button class="button" type="submit">Apply</button></div>
    </form>`;
  }

  private tiles(figures: SeverityFiguresView[]): TemplateResult {
    const product = this.route.product;
    return html`${overdueEscalationsNote(this.overdueEscalations ?? 0, product)}
      <div class="tiles">${figures.map((row) => severityTile(row, product))}</div>`;
  }

  private charts(): TemplateResult {
    const figures = this.figures;
    const daily = this.daily;
    return html`<div class="charts">
      <section class="panel chart-panel" aria-labelledby="chart-goals">
        <h2 id="chart-goals">Goals met (%) of the cases opened</h2>
        <div class="chart-box">
          <canvas
            ${ref(this.goalsChart.attach)}
            role="img"
            aria-label="Bar chart of first response and resolution goals met per severity; the table below has the figures"
          ></canvas>
        </div>
        ${
          figures
            ? dataTable(
                'Goals met per severity',
                ['Severity', 'First response', 'Resolution'],
                figures.map((row) => [
                  `S${row.severity}`,
                  goalsMet(row.firstResponse),
                  goalsMet(row.resolution),
                ]),
              )
            : nothing
        }
      </section>
      <section class="panel chart-panel span-2" aria-labelledby="chart-breaches">
        <h2 id="chart-breaches">Breaches per day</h2>
        ${this.dailyProblem ? problemAlert(this.dailyProblem) : nothing}
        <div class="chart-box">
          <canvas
            ${ref(this.breachesChart.attach)}
            role="img"
            aria-label="Stacked bar chart of SLA breaches per day and severity from the daily report; the table below has the figures"
          ></canvas>
        </div>
        ${
          daily
            ? dataTable(
                'Breaches per day',
                ['Day', 'S1', 'S2', 'S3'],
                daily.days.map((day, index) => [
                  day,
                  ...[1, 2, 3].map((severity) => String(daily.bySeverity[severity][index])),
                ]),
              )
            : nothing
        }
      </section>
      <section class="panel chart-panel" aria-labelledby="chart-escalations">
        <h2 id="chart-escalations">Open escalations</h2>
        <div class="chart-box">
          <canvas
            ${ref(this.escalationsChart.attach)}
            role="img"
            aria-label="Bar chart of open and overdue escalations per severity; the table below has the figures"
          ></canvas>
        </div>
        ${
          figures
            ? dataTable(
                'Open escalations per severity',
                ['Severity', 'Open escalations', 'Overdue now'],
                figures.map((row) => [
                  `S${row.severity}`,
                  String(row.openEscalations),
                  String(row.overdueEscalations),
                ]),
              )
            : nothing
        }
      </section>
    </div>`;
  }

  private apply(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const day = (key: string) => String(form.get(key) ?? '') || undefined;
    this.context.navigate({
      page: 'dashboard',
      from: day('from'),
      to: day('to'),
      product: String(form.get('product') ?? '').trim() || undefined,
    });
  }

  private async load(): Promise<void> {
    const range = { from: this.from, to: this.to, product: this.route.product };
    const [dashboard, daily] = await Promise.allSettled([
      this.context.api.get<SlaDashboardView>('/v1/dashboards/sla', range),
      this.context.api.get<SlaDailyReportView>('/v1/reports/sla-daily', range),
    ]);
    if (dashboard.status === 'fulfilled') {
      this.context.clock.observe(dashboard.value.asOf);
      this.figures = severityRows(dashboard.value);
      this.overdueEscalations = dashboard.value.overdueEscalations;
      this.scope = dashboard.value.scope;
      this.problem = undefined;
      this.goalsChart.show({
        kind: 'bar',
        percent: true,
        labels: this.figures.map((row) => `S${row.severity}`),
        series: [
          {
            label: 'First response',
            values: this.figures.map((row) => row.firstResponse.metPercent),
            colour: '#1d4ed8',
          },
          {
            label: 'Resolution',
            values: this.figures.map((row) => row.resolution.metPercent),
            colour: '#0f766e',
          },
        ],
      });
      this.escalationsChart.show({
        kind: 'bar',
        labels: this.figures.map((row) => `S${row.severity}`),
        series: [
          {
            label: 'Open escalations',
            values: this.figures.map((row) => row.openEscalations),
            colour: '#b91c1c',
          },
          {
            label: 'Overdue now',
            values: this.figures.map((row) => row.overdueEscalations),
            colour: '#7f1d1d',
          },
        ],
      });
    } else {
      this.problem = dashboard.reason;
    }
    if (daily.status === 'fulfilled') {
      const breaches = dailyBreaches(daily.value);
      this.daily = breaches;
      this.dailyProblem = undefined;
      this.breachesChart.show({
        kind: 'bar',
        stacked: true,
        labels: breaches.days.map((day) => day.slice(5)),
        series: [1, 2, 3].map((severity) => ({
          label: `S${severity}`,
          values: breaches.bySeverity[severity],
          colour: SEVERITY_COLOURS[severity],
        })),
      });
    } else {
      this.dailyProblem = daily.reason;
    }
    this.context.requestRender();
  }

  private async downloadCsv(): Promise<void> {
    this.downloading = true;
    this.context.requestRender();
    try {
      const { blob, fileName } = await this.context.api.download(
        '/v1/reports/sla-daily',
        // With a byte order mark: people open this file in Excel, which reads UTF-8 only with one.
        { from: this.from, to: this.to, product: this.route.product, bom: 'true' },
        'text/csv',
      );
      saveBlob(blob, fileName ?? `sla-daily-${this.from}-${this.to}.csv`);
      this.context.announce('Daily SLA report downloaded');
    } catch (error) {
      this.problem = error;
      focusFirstProblem(null);
    } finally {
      this.downloading = false;
      this.context.requestRender();
    }
  }
}

function dataTable(caption: string, headings: string[], rows: string[][]): TemplateResult {
  return html`<details>
    <summary>Show the figures as a table</summary>
    <table>
      <caption class="visually-hidden">
        ${caption}
      </caption>
      <thead>
        <tr>
          ${headings.map((heading) => html`<th scope="col">${heading}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) =>
            html`<tr>
              ${row.map((cell) => html`<td>${cell}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}
