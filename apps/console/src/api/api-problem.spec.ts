import { ApiProblem, problemFromBody } from './api-problem';

describe('problemFromBody', () => {
  it('reads RFC 9457 problem details with field errors', () => {
    const problem = problemFromBody(422, 'Unprocessable Entity', {
      type: 'https://casetrail.dev/problems/validation',
      title: 'The request is not valid',
      status: 422,
      detail: 'reason must be 1 to 2000 characters',
      errors: [{ field: 'reason', message: 'reason must be 1 to 2000 characters' }, { bogus: true }],
    });
    expect(problem).toBeInstanceOf(ApiProblem);
    expect(problem.status).toBe(422);
    expect(problem.title).toBe('The request is not valid');
    expect(problem.errors).toHaveLength(1);
    expect(problem.fieldMessage('reason')).toBe('reason must be 1 to 2000 characters');
    expect(problem.fieldMessage('severity')).toBeUndefined();
  });

  it('falls back to the status text when the body is not problem details', () => {
    const problem = problemFromBody(502, 'Bad Gateway', '<html>proxy error</html>');
    expect(problem.title).toBe('Bad Gateway');
    expect(problem.detail).toBe('<html>proxy error</html>');
    expect(problemFromBody(500, '', undefined).title).toBe('HTTP 500');
  });

  it('describes a network failure as a problem with status 0', () => {
    expect(ApiProblem.network(new TypeError('Failed to fetch'))).toMatchObject({
      status: 0,
      detail: 'Failed to fetch',
    });
  });
});

describe('ApiProblem.hasCode', () => {
  it('reads the code at the end of the problem type, and nothing else', () => {
    const expired = new ApiProblem(
      403,
      'Forbidden',
      'expired',
      [],
      'https://casetrail.dev/problems/licence-expired',
    );
    expect(expired.hasCode('licence-expired')).toBe(true);
    expect(expired.hasCode('expired')).toBe(false);
    expect(new ApiProblem(403, 'Forbidden', undefined).hasCode('licence-expired')).toBe(false);
  });
});
