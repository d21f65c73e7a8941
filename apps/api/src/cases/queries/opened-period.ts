import type { FieldCondition } from '@casetrail/readmodels';
import { ValidationProblemException } from '../../problems/validation-problem.exception';
import { instantPeriod, instantsWithin } from '../../reporting/shared/report-period';

/** The case list's names for the dashboard's `from` and `to`. */
const NAMES = { from: 'openedFrom', to: 'openedTo' } as const;

/**
 * `openedFrom`/`openedTo` as a condition on `openedAt`: the dashboard's period, read by the
 * dashboard's own rules (a date is that whole UTC day, an instant is taken as given, `to`
 * exclusive, empty or reversed periods refused), so a list drilled down from a dashboard figure
 * holds exactly the cases it counted. Undefined when neither is given.
 */
export function openedAtWithin(openedFrom?: string, openedTo?: string): FieldCondition | undefined {
  try {
    return instantsWithin(instantPeriod(openedFrom, openedTo));
  } catch (error) {
    if (error instanceof ValidationProblemException) throw renamed(error);
    throw error;
  }
}

/**
 * The dashboard's refusals, naming the parameters as the case list spells them. Only the names
 * in a field's place are renamed: at the start, after "before"/"than" and after a colon ("to is
 * exclusive"); words such as "an hour from 00 to 23" stay.
 */
function renamed(error: ValidationProblemException): ValidationProblemException {
  const rename = (text: string) =>
    text.replace(
      /(^|before |than |: )(from|to)\b/g,
      (_, lead: string, name: 'from' | 'to') => lead + NAMES[name],
    );
  return new ValidationProblemException(
    error.fieldProblems.map(({ field, message }) => ({
      field: field === 'from' || field === 'to' ? NAMES[field] : field,
      message: rename(message),
    })),
  );
}
