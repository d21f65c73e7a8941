import { ApiProblem } from '../api/api-problem';
import { CHECK_FIELDS_TITLE, plainFieldMessage, problemDisplay } from './problem-display';

const refusal = new ApiProblem(
  422,
  'The engineer is not known staff',
  'engineer: nothing vouches for eve@vendr.example as staff',
  [{ field: 'engineer', message: 'engineer: nothing vouches for eve@vendr.example as staff' }],
);

describe('problemDisplay', () => {
  it('shows a refusal about a field once: beside the field, with only the title in the alert', () => {
    expect(problemDisplay(refusal, ['engineer'])).toEqual({
      title: 'The engineer is not known staff',
      status: 422,
      listed: [],
    });
  });

  it('lists, once and without a doubled field prefix, complaints about fields the form does not show', () => {
    expect(problemDisplay(refusal).listed).toEqual([
      { field: 'engineer', message: 'nothing vouches for eve@vendr.example as staff' },
    ]);
    expect(problemDisplay(refusal).detail).toBeUndefined();
  });

  it('keeps the detail of a refusal that names no field', () => {
    const problem = new ApiProblem(403, 'Forbidden', 'You may not share this case');
    expect(problemDisplay(problem)).toEqual({
      title: 'Forbidden',
      detail: 'You may not share this case',
      status: 403,
      listed: [],
    });
  });
});

describe('plainFieldMessage', () => {
  it('words the validator’s complaints for the person filling in the form', () => {
    const plain = (field: string, message: string) => plainFieldMessage({ field, message });
    expect(plain('title', 'title must be longer than or equal to 1 characters')).toBe('Please fill this in.');
    expect(plain('title', 'title must be shorter than or equal to 200 characters')).toBe(
      'Please keep this to 200 characters or fewer.',
    );
    expect(plain('licenceId', 'licenceId must be a licence id (a UUID)')).toBe('Please choose a licence.');
    expect(plain('onBehalfOf', 'onBehalfOf must be an email address')).toBe(
      'Please enter an email address, like name@example.com.',
    );
  });

  it('passes through what a domain rule says to people, without the field prefix', () => {
    expect(plainFieldMessage({ field: 'engineer', message: 'engineer: nothing vouches for eve' })).toBe(
      'nothing vouches for eve',
    );
  });

  it('gives a validation refusal a plain title instead of "The request is not valid"', () => {
    const problem = new ApiProblem(400, 'The request is not valid', 'title: …', [
      { field: 'title', message: 'title must be longer than or equal to 1 characters' },
    ]);
    expect(problemDisplay(problem, ['title']).title).toBe(CHECK_FIELDS_TITLE);
  });
});
