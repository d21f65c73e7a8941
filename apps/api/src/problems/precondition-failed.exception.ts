import { HttpException, HttpStatus } from '@nestjs/common';

/** If-Match named a revision the case has moved past. */
export class StaleRevisionException extends HttpException {
  constructor(expected: number, actual: number) {
    super(
      `The case is at revision ${actual}, not ${expected}: reload it and retry`,
      HttpStatus.PRECONDITION_FAILED,
    );
  }
}
