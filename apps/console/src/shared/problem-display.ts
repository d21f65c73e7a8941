import { ApiProblem, FieldProblem } from '../api/api-problem';

/** What a problem's alert shows: a title, and only what is not already shown beside a field. */
export interface ProblemDisplay {
  title: string;
  detail?: string;
  status?: number;
  /** Field complaints the form has no place for (a field it does not show). */
  listed: FieldProblem[];
}

/**
 * Splits a refusal between the alert and the fields so each complaint is shown once: the API's
 * detail repeats its field errors ("engineer: …"), and each is printed beside its field already,
 * so the alert keeps the title and lists only complaints about fields the form does not show.
 */
export function problemDisplay(problem: unknown, besideFields: readonly string[] = []): ProblemDisplay {
  if (!(problem instanceof ApiProblem)) {
    const detail = problem instanceof Error ? problem.message : String(problem);
    return { title: 'Something went wrong', detail, listed: [] };
  }
  const status = problem.status || undefined;
  if (problem.errors.length === 0)
    return { title: problem.title, detail: problem.detail, status, listed: [] };
  const listed = problem.errors
    .filter((error) => !besideFields.includes(error.field))
    .map((error) => ({ field: error.field, message: withoutFieldPrefix(error) }));
  return { title: problem.title, status, listed };
}

/** A field's complaint without the "engineer: " the API puts before some of them (the field is named already). */
export function withoutFieldPrefix(error: FieldProblem): string {
  const prefix = `${error.field}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}
