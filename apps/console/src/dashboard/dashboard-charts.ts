import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

// Only what the dashboard draws, so the bundle carries no unused chart types.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

export const SEVERITY_COLOURS: Readonly<Record<number, string>> = {
  1: '#b91c1c',
  2: '#c2410c',
  3: '#1d4ed8',
};

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  colour: string;
}

export interface ChartData {
  kind: 'bar' | 'line';
  labels: string[];
  series: ChartSeries[];
  /** Percentages: the axis runs 0 to 100. */
  percent?: boolean;
  /** Bars of the series stacked on one another (counts that add up, like breaches per severity). */
  stacked?: boolean;
}

/**
 * A Chart.js chart bound to one canvas: created on first data, updated in place afterwards (no
 * animation, so what the dashboard shows is what it has, at once).
 */
export class DashboardChart {
  private chart?: Chart;
  private canvas?: HTMLCanvasElement;
  private data?: ChartData;
  private shape?: string;

  /** For lit-html's `ref`: called with the canvas when it is rendered. */
  readonly attach = (element: Element | undefined): void => {
    if (!(element instanceof HTMLCanvasElement) || element === this.canvas) return;
    this.chart?.destroy();
    this.chart = undefined;
    this.canvas = element;
    if (this.data) this.draw(this.data);
  };

  show(data: ChartData): void {
    this.data = data;
    if (this.canvas) this.draw(data);
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }

  private draw(data: ChartData): void {
    // Same kind of chart: update it in place; otherwise draw it anew.
    if (this.chart && this.shape === shapeOf(data)) {
      this.chart.data.labels = data.labels;
      this.chart.data.datasets = datasets(data);
      this.chart.update();
      return;
    }
    this.chart?.destroy();
    this.shape = shapeOf(data);
    this.chart = new Chart(this.canvas!, {
      type: data.kind,
      data: { labels: data.labels, datasets: datasets(data) },
      options: {
        animation: false,
        maintainAspectRatio: false,
        responsive: true,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
        scales: {
          x: { grid: { display: false }, stacked: !!data.stacked },
          y: {
            stacked: !!data.stacked,
            beginAtZero: true,
            ...(data.percent
              ? { max: 100, ticks: { callback: (value: string | number) => `${value}%` } }
              : { ticks: { precision: 0 } }),
          },
        },
      },
    });
  }
}

function shapeOf(data: ChartData): string {
  return `${data.kind}${data.stacked ? '-stacked' : ''}${data.percent ? '-percent' : ''}`;
}

function datasets(data: ChartData) {
  return data.series.map((series) => ({
    label: series.label,
    data: series.values,
    backgroundColor: data.kind === 'bar' ? series.colour : `${series.colour}22`,
    borderColor: series.colour,
    borderWidth: data.kind === 'line' ? 2 : 0,
    pointRadius: data.kind === 'line' ? 2 : 0,
    tension: 0.25,
    borderRadius: data.kind === 'bar' ? 4 : 0,
  }));
}
