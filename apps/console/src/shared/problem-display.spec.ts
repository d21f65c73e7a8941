import { ApiProblem } from '../api/api-problem';
import { problemDisplay } from './problem-display';

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
