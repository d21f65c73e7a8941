import { HttpException, HttpStatus } from '@nestjs/common';

/** If-Match named a revision the case, licence or account is not at. */
export class StaleRevisionException extends HttpException {
  constructor(stream: string, expected: number, actual: number) {
    const what = subjectOf(stream);
    super(
      actual < 0
        ? `The ${what} does not exist yet, so it is not at revision ${expected}: drop If-Match to create it`
        : `The ${what} is at revision ${actual}, not ${expected}: reload it and retry`,
      HttpStatus.PRECONDITION_FAILED,
    );
  }
}

/** Streams are named `<kind>-<id>` (case, licence, account). */
function subjectOf(stream: string): string {
  const kind = stream.slice(0, stream.indexOf('-'));
  return kind === 'case' || kind === 'licence' || kind === 'account' ? kind : 'resource';
}
