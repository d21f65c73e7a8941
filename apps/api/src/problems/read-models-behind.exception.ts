import { HttpException, HttpStatus } from '@nestjs/common';

/** How long a client is told to wait before trying again (the projector restarts within seconds). */
export const READ_MODELS_BEHIND_RETRY_AFTER_SECONDS = 5;

/**
 * A case stored (its opening acknowledged) that the read models have not applied yet, past the
 * bounded wait for them: the projector is stopped or far behind. A 404 would tell a client its new
 * case does not exist (and invite it to open it again); it exists, and the answer is "not yet":
 * nothing was written, try again. Only to someone the stream itself shows may see the case (staff,
 * its opener): everyone else still gets 404, never a hint that it exists.
 */
export class ReadModelsBehindException extends HttpException {
  constructor(
    /** The case stored but not applied yet (absent: see `rebuilding` and `notRunYet`). */
    readonly caseId?: string,
    detail = `Case ${caseId} is stored, but the read models have not applied it yet (the projector is ` +
      `stopped or behind). Nothing was written; retry after ${READ_MODELS_BEHIND_RETRY_AFTER_SECONDS} seconds`,
  ) {
    super(detail, HttpStatus.SERVICE_UNAVAILABLE);
  }

  /**
   * Read models a rebuild emptied (running, or killed before it finished) that have not caught up
   * past the bounded wait: what they hold is not the desk's state, so nothing is answered from them.
   * The same answer whatever was asked for, so it tells nobody whether a licence or account exists.
   */
  static rebuilding(projections: readonly string[]): ReadModelsBehindException {
    return new ReadModelsBehindException(
      undefined,
      `The read models (${projections.join(', ')}) are being rebuilt and have not applied every ` +
        `event yet (a rebuild is running, or was stopped before it finished and \`casetrail project\` ` +
        `finishes it). Nothing was written; retry after ${READ_MODELS_BEHIND_RETRY_AFTER_SECONDS} seconds`,
    );
  }

  /**
   * Read models no projector has run on yet (a fresh desk started with EMBEDDED_PROJECTOR=false and
   * no `casetrail project`): no rebuild is running, so the answer says what to start instead.
   */
  static notRunYet(projections: readonly string[]): ReadModelsBehindException {
    return new ReadModelsBehindException(
      undefined,
      `The read models (${projections.join(', ')}) are behind: the projector has not run on them yet, ` +
        'so they hold none of the stored events. An operator must start it (`casetrail project`, or the ' +
        'API without EMBEDDED_PROJECTOR=false to run it embedded). Nothing was written; retry after ' +
        `${READ_MODELS_BEHIND_RETRY_AFTER_SECONDS} seconds`,
    );
  }
}
