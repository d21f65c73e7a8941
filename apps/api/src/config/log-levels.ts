import { Logger, type LogLevel } from '@nestjs/common';

/** Nest's levels from the most to the least severe, next to the LOG_LEVEL that still shows each. */
const LEVELS: [LogLevel, string][] = [
  ['fatal', 'fatal'],
  ['error', 'error'],
  ['warn', 'warn'],
  ['log', 'info'],
  ['debug', 'debug'],
  ['verbose', 'trace'],
];
const ORDER = LEVELS.map(([, name]) => name);

/**
 * The Nest log levels a LOG_LEVEL shows: that level and every more severe one (`info` is Nest's
 * `log`, `trace` its `verbose`); `silent` shows nothing. LOG_LEVEL is validated by loadConfig.
 */
export function nestLogLevels(logLevel: string): LogLevel[] | false {
  if (logLevel === 'silent') return false;
  const shown = ORDER.indexOf(logLevel);
  return LEVELS.slice(0, shown + 1).map(([level]) => level);
}

/** Applies LOG_LEVEL to every Nest logger of this thread, also those used before an application exists. */
export function applyLogLevel(logLevel: string): LogLevel[] | false {
  const levels = nestLogLevels(logLevel);
  Logger.overrideLogger(levels);
  return levels;
}
