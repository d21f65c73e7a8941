/** Injection token for the MetricsSettings `serve` validated before opening the stores. */
export const METRICS_SETTINGS = Symbol('MetricsSettings');
