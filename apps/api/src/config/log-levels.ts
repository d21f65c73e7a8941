import { ConsoleLogger, Logger, type LoggerService, type LogLevel } from '@nestjs/common';
import type { LogFormat } from './app-config';

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

/**
 * The logger LOG_LEVEL and LOG_FORMAT ask for: Nest's console logger, in JSON lines (level, pid,
 * epoch-millisecond timestamp, context, message; an error's stack in the same line) or in its text
 * lines, coloured only on a terminal, so a file or a pipe gets no escape codes (NO_COLOR also turns
 * them off). False: LOG_LEVEL=silent.
 */
export function consoleLogger(
  logLevel: string,
  logFormat: LogFormat = 'text',
  env: NodeJS.ProcessEnv = process.env,
  terminal = process.stdout.isTTY === true,
): ConsoleLogger | false {
  const logLevels = nestLogLevels(logLevel);
  if (logLevels === false) return false;
  if (logFormat === 'json') return new ConsoleLogger({ logLevels, json: true });
  return new ConsoleLogger({ logLevels, colors: terminal && env.NO_COLOR === undefined });
}

/** Applies LOG_LEVEL and LOG_FORMAT to every Nest logger of this thread, also those used before an application exists. */
export function applyLogging(logLevel: string, logFormat: LogFormat = 'text'): LoggerService | false {
  const logger = consoleLogger(logLevel, logFormat);
  Logger.overrideLogger(logger);
  return logger;
}
