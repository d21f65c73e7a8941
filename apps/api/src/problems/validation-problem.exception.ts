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

/**
 * Checks of what a value is. When one fails, checks of its size or range fail too, as noise:
 * `seats: null` was "must be a whole number", "must not be less than 1" and "must not be greater
 * than 1000000" at once. Those are left out then.
 */
const TYPE_CONSTRAINTS = new Set([
  'isInt',
  'isNumber',
  'isString',
  'isBoolean',
  'isIn',
  'isEnum',
  'isISO8601',
  'isEmail',
  'isObject',
  'isArray',
]);

function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    const typeFailures = constraints.filter(([name]) => TYPE_CONSTRAINTS.has(name));
    const reported = typeFailures.length > 0 ? typeFailures : constraints;
    const own = reported.map(([, message]) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
