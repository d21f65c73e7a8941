/**
 * The little logging the runner needs, so this library stays free of Nest and of any logging
 * library: the projector app adapts pino or Nest's Logger to it.
 */
export interface ProjectionLogger {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

export const silentProjectionLogger: ProjectionLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
