import { BadRequestException, ValidationError } from '@nestjs/common';
import { FieldProblem } from './problem-details';

/**
 * At most this many problems are listed: a body of 50,000 unknown keys answered 5 MB of problems,
 * one per key. The detail says how many more there were.
 */
const MAX_LISTED = 50;

/** A request whose shape is wrong: lists the offending fields (the first MAX_LISTED of them). */
export class ValidationProblemException extends BadRequestException {
  readonly fieldProblems: FieldProblem[];

  constructor(problems: FieldProblem[]) {
    const listed = problems.slice(0, MAX_LISTED);
    const more = problems.length - listed.length;
    super(
      listed.map((problem) => `${problem.field}: ${problem.message}`).join('; ') +
        (more > 0 ? `; and ${more} more problem(s)` : ''),
    );
    this.fieldProblems = listed;
  }

  /** Parameters or keys the route does not take, each named. */
  static undeclared(names: readonly string[]): ValidationProblemException {
    return new ValidationProblemException(
      names.map((name) => ({ field: name, message: `property ${name} should not exist` })),
    );
  }

  /**
   * A JSON body that is not an object (an array, a string, null), refused as it is parsed, before
   * anyone knows whether the command takes a body. The field '' is the body as a whole, as the
   * JSON Pointer "" is the whole document.
   */
  static notAnObject(kind: string): ValidationProblemException {
    return new ValidationProblemException([
      {
        field: '',
        message: `The body must be a JSON object, not ${kind}; a command that takes no body takes none, or {}`,
      },
    ]);
  }

  /** Query parameters given more than once (`?limit=2&limit=3`): which one was meant is unknown. */
  static repeated(names: readonly string[]): ValidationProblemException {
    return new ValidationProblemException(
      names.map((name) => ({ field: name, message: `${name} is given more than once; give it once` })),
    );
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

/** What a JSON value is when it is not an object (`an array`, `a string`, `null`), else undefined. */
export function nonObjectKind(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? undefined : `a ${typeof value}`;
}
