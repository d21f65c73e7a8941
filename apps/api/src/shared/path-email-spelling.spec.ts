import { LOOK_ALIKE_TOKEN_EMAILS } from '@casetrail/domain/accounts/testing/look-alike-token-emails';
import { refusedPathSpelling } from './path-email-spelling';

describe('an email path segment spelt as another address', () => {
  // The small capitals fold onto nothing (UTS 46 keeps them): a path spelt so names nobody on record.
  const folding = LOOK_ALIKE_TOKEN_EMAILS.filter(([name]) => !name.includes('small capital'));

  it.each(folding)(
    'refuses %s, which the domain mapping folds onto the real address',
    (_name, spelling, reason) => {
      expect(refusedPathSpelling(spelling)).toContain(reason);
    },
  );

  it('refuses a Punycode label that decodes to plain ASCII', () => {
    expect(refusedPathSpelling('jane@xn--acme-.example')).toMatch(
      /malformed Punycode domain label "xn--acme-"/,
    );
  });

  // Security review 4, F4: nothing folds these onto another address, but they name nobody either,
  // and a 404 for them reads as "not a user" for an address that looks just like a real one.
  it.each([
    ['a fullwidth letter in the local part', '\uFF47ina@globex.example', 'U+FF47'],
    ['a soft hyphen in the local part', 'gi\u00ADna@globex.example', 'soft hyphen'],
    ['a Punycode label that decodes to nothing', 'gina@xn--glbex-abc.example', 'malformed Punycode'],
    ['a control character', 'gi\u0007na@globex.example', 'U+0007'],
  ])('refuses %s, which names nobody', (_name, spelling, reason) => {
    expect(refusedPathSpelling(spelling)).toContain(reason);
  });

  it.each([
    ['the address in any case', 'Jane@ACME.example'],
    ['a sub-address', 'jane+support@acme.example'],
    ['an internationalised domain in Unicode', 'anna@bücher.example'],
    ['an internationalised domain in Punycode', 'anna@xn--bcher-kva.example'],
    // Nothing folds these onto another address: they name only what the records spell so.
    ['a small capital in the local part', 'jᴀne@acme.example'],
    ['a small capital in the domain', 'jane@aᴄme.example'],
    ['mixed scripts, recorded before the rule that refuses them', 'jane@\u0430cme.example'],
  ])('lets %s through', (_name, spelling) => {
    expect(refusedPathSpelling(spelling)).toBeUndefined();
  });
});
