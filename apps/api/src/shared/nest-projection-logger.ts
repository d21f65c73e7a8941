import type { Logger } from '@nestjs/common';
import type { ProjectionLogger } from '@casetrail/readmodels';

/**
 * The projection runner's logger on a Nest Logger: each line carries its context (why a
 * projection failed, where it stands).
 */
export function nestProjectionLogger(logger: Logger): ProjectionLogger {
  const line = (message: string, context?: Record<string, unknown>) =>
    context ? `${message} ${JSON.stringify(context)}` : message;
  return {
    debug: (message, context) => logger.debug(line(message, context)),
    info: (message, context) => logger.log(line(message, context)),
    warn: (message, context) => logger.warn(line(message, context)),
    error: (message, context) => logger.error(line(message, context)),
  };
}
