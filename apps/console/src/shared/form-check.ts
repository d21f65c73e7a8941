import { ApiProblem, FieldProblem } from '../api/api-problem';
import { CHECK_FIELDS_TITLE } from './problem-display';

/**
 * The form's own check before sending (its controls' required, type and maxlength), worded as the
 * API's validation refusal so it is shown the same way, beside each field; undefined when it passes.
 * The forms are `novalidate` so the messages are the console's, beside the fields, not the browser's bubbles.
 */
export function checkForm(form: HTMLFormElement): ApiProblem | undefined {
  const errors: FieldProblem[] = [];
  for (const element of Array.from(form.elements)) {
    const control = element as HTMLInputElement;
    if (!control.name || !control.validity) continue;
    // A field of spaces passes `required`, but the API refuses it as blank: so does this check.
    if (control.required && !String(control.value ?? '').trim())
      errors.push({ field: control.name, message: 'Please fill this in.' });
    else if (control.validity.typeMismatch && control.type === 'email')
      errors.push({ field: control.name, message: 'Please enter an email address, like name@example.com.' });
    else if (!control.validity.valid)
      errors.push({ field: control.name, message: control.validationMessage });
  }
  return errors.length > 0
    ? new ApiProblem(0, CHECK_FIELDS_TITLE, undefined, errors, 'console/validation')
    : undefined;
}
