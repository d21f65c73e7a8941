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
  return { title: isValidationProblem(problem) ? CHECK_FIELDS_TITLE : problem.title, status, listed };
}

/** A field's complaint without the "engineer: " the API puts before some of them (the field is named already). */
export function withoutFieldPrefix(error: FieldProblem): string {
  const prefix = `${error.field}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** The alert's title for a request the API found malformed: the person need not know the words "request" or "400". */
export const CHECK_FIELDS_TITLE = 'Please check the fields marked below';

/** A validation refusal (400 validation, or the console's own check before sending). */
export function isValidationProblem(problem: ApiProblem): boolean {
  return problem.type?.endsWith('/validation') === true || problem.title === 'The request is not valid';
}

/**
 * A field's complaint in plain words: the API's validator writes for developers ("title must be
 * longer than or equal to 1 characters"); a person filling in the form reads "Please fill this in."
 * Messages written for people (a domain rule's refusal) pass through unchanged.
 */
export function plainFieldMessage(error: FieldProblem): string {
  const message = withoutFieldPrefix(error);
  if (/must be longer than or equal to 1 characters|should not be empty|must be a string/.test(message))
    return 'Please fill this in.';
  const longer = /must be longer than or equal to (\d+) characters/.exec(message);
  if (longer) return `Please write at least ${longer[1]} characters.`;
  const shorter = /must be shorter than or equal to (\d+) characters/.exec(message);
  if (shorter) return `Please keep this to ${shorter[1]} characters or fewer.`;
  if (/must be an email/.test(message)) return 'Please enter an email address, like name@example.com.';
  if (/must be a licence id/.test(message)) return 'Please choose a licence.';
  // Other validator wording starts with the property's name ("severity must be one of …").
  const rest = message.startsWith(`${error.field} `) ? message.slice(error.field.length + 1) : message;
  return rest === message ? message : `This ${rest}`;
}
