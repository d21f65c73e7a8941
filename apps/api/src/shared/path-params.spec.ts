import { ValidationProblemException } from '../problems/validation-problem.exception';
import { normalisePathParam, ParseIdPipe } from './path-params';

describe('path parameters as the handlers use them', () => {
  const UPPER = '0190A5C2-1F3E-7C3A-8B1D-2F4E5A6B7C8D';

  it('reads a UUID in any case as the lower-case id the server names things with', () => {
    expect(new ParseIdPipe('case').transform(UPPER)).toBe(UPPER.toLowerCase());
    expect(new ParseIdPipe('case').transform('0190a5c2-1F3E-7c3a-8B1D-2f4e5a6b7c8d')).toBe(
      UPPER.toLowerCase(),
    );
  });

  it('refuses what is not a UUID as a validation problem naming the parameter', () => {
    for (const value of ['Case-A1', '../etc', 'zzz', `${UPPER}0`]) {
      let refused: unknown;
      try {
        new ParseIdPipe('case').transform(value, { type: 'param', data: 'caseId' });
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(ValidationProblemException);
      expect((refused as ValidationProblemException).fieldProblems).toEqual([
        { field: 'caseId', message: 'caseId must be a case id (a UUID)' },
      ]);
    }
    expect(() => new ParseIdPipe('account').transform('zzz', { type: 'param', data: 'accountId' })).toThrow(
      'accountId must be an account id (a UUID)',
    );
  });

  it('normalises by name as the pipes do: emails trimmed and lower-cased, ids as ParseIdPipe', () => {
    expect(normalisePathParam('email', ' Jane.Doe@Acme.example ')).toBe('jane.doe@acme.example');
    expect(normalisePathParam('caseId', UPPER)).toBe(UPPER.toLowerCase());
    expect(normalisePathParam('queue', 'Mine')).toBe('Mine');
  });
});
