import { BadRequestException, ValidationError } from '@nestjs/common';
import { FieldProblem } from './problem-details';

/** A request whose shape is wrong: lists every offending field. */
export class ValidationProblemException extends BadRequestException {
  constructor(readonly fieldProblems: FieldProblem[]) {
    super(fieldProblems.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
  }

  /** For ValidationPipe's exceptionFactory: flattens nested errors to dotted field paths. */
  static fromValidationErrors(errors: ValidationError[]): ValidationProblemException {
    return new ValidationProblemException(flatten(errors, ''));
  }
}

function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
