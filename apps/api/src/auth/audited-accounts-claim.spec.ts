import { auditedAccountsClaim } from './audited-accounts-claim';

const ACME = '0190a5c2-7f1e-7c3a-9b2d-1e2f3a4b5c6d';

/** The claim only narrows what an auditor reads: anything that could widen it is refused, never ignored. */
describe('the casetrail_accounts claim', () => {
  it('is absent: no limit (a vendor auditor, or no auditor)', () => {
    expect(auditedAccountsClaim(undefined, ['auditor'])).toEqual({});
    expect(auditedAccountsClaim(undefined, ['engineer'])).toEqual({});
  });

  it('with the auditor role alone: the accounts, lower-cased as ids are stored, each once', () => {
    expect(auditedAccountsClaim([ACME.toUpperCase(), ACME], ['auditor'])).toEqual({ accounts: [ACME] });
  });

  it.each([[[]], [ACME], [['acme']], [[ACME, 42]], [{ 0: ACME }], [null]])(
    '%j: refused, saying it must be a non-empty list of account ids',
    (value) => {
      expect(auditedAccountsClaim(value, ['auditor'])).toEqual({
        refused: 'The casetrail_accounts claim must be a non-empty list of account ids',
      });
    },
  );

  it.each([[['auditor', 'engineer']], [['engineer']], [['csm']], [[]]] as const)(
    'beside roles %j: refused, saying it goes with the auditor role alone',
    (roles) => {
      const claim = auditedAccountsClaim([ACME], [...roles]);
      expect(claim).toEqual({ refused: expect.stringContaining('the auditor role and no other') });
    },
  );
});
