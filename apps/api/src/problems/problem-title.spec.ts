import { titleFromCode } from './problem-title';

describe('problem titles from codes', () => {
  it.each([
    ['case-not-found', 'Case not found'],
    ['not-a-licensed-user', 'Not a licensed user'],
    // A newcomer read "Csm not staff" on PUT /v1/accounts/{id}/csm with a customer's address.
    ['csm-not-staff', 'CSM not staff'],
    ['csm-assignment-requires-admin', 'CSM assignment requires admin'],
    ['http-version-not-supported', 'HTTP version not supported'],
    ['uri-too-long', 'URI too long'],
    ['unknown-sla-calendar', 'Unknown SLA calendar'],
  ])('%s reads "%s"', (code, title) => {
    expect(titleFromCode(code)).toBe(title);
  });

  it('leaves words that merely contain an acronym alone', () => {
    expect(titleFromCode('idempotency-key-reused')).toBe('Idempotency key reused');
  });
});
