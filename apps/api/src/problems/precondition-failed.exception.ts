import { HttpException, HttpStatus } from '@nestjs/common';

/** If-Match named a revision the case, licence or account is not at. */
export class StaleRevisionException extends HttpException {
  constructor(stream: string, expected: readonly number[], actual: number) {
    const what = subjectOf(stream);
    const named = expected.join(' or ');
    super(
      actual < 0
        ? `The ${what} does not exist yet, so it is not at revision ${named}: drop If-Match to create it`
        : `The ${what} is at revision ${actual}, not ${named}: reload it and retry`,
      HttpStatus.PRECONDITION_FAILED,
    );
  }
}

/** Streams are named `<kind>-<id>` (case, licence, account). */
function subjectOf(stream: string): string {
  const kind = stream.slice(0, stream.indexOf('-'));
  return kind === 'case' || kind === 'licence' || kind === 'account' ? kind : 'resource';
}
