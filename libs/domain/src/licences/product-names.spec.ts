import { ActorIdentity } from '../accounts/actor-identity';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { DEFAULT_GROUP_MAILBOX_PATTERNS } from './group-mailbox';
import { ChangeLicenceTerms, IssueLicence, LicenceCommand } from './licence.commands';
import { licenceDecider } from './licence.decider';
import { LicenceEvent } from './licence.events';
import { productKey } from './product-names';
import { LICENCE_IDS, licenceIssued } from './testing/licence-events';

/**
 * Product and edition names, Given / When / Then over the pure decider: stored trimmed and composed
 * (NFC), and a product spelled like a known one but for case refused naming the known spelling, so
 * reports never split one product into rows that print alike.
 */
const AT = '2026-03-02T09:00:00.000Z';
const admin: ActorIdentity = { email: 'ops@vendor.example', roles: ['admin'] };
/** "Süite" with a precomposed ü (U+00FC), and as u followed by a combining diaeresis (U+0308). */
const COMPOSED = 'Data, "Pro" S\u00fcite';
const DECOMPOSED = 'Data, "Pro" Su\u0308ite';

const issue = (data: Partial<IssueLicence['data']>): LicenceCommand => ({
  type: 'IssueLicence',
  data: {
    ...LICENCE_IDS,
    product: 'Sitefinity',
    edition: 'Std',
    plan: 'standard',
    activeUntil: '2027-12-31',
    holderEmail: 'holder@acme.example',
    ...data,
  },
  actor: admin,
  at: AT,
});
const changeEdition = (edition: string): ChangeLicenceTerms => ({
  type: 'ChangeLicenceTerms',
  data: { edition },
  actor: admin,
  at: AT,
});

function given(...history: LicenceEvent[]) {
  const state = fold(licenceDecider, history);
  return {
    when: (command: LicenceCommand, knownProducts?: readonly string[]) => {
      const decide = () =>
        licenceDecider.decide(command, state, {
          groupMailboxPatterns: DEFAULT_GROUP_MAILBOX_PATTERNS,
          ...(knownProducts ? { knownProducts } : {}),
        });
      return {
        thenRecords: (expected: Record<string, unknown>) =>
          expect(decide().map((event) => event.data)).toEqual([expect.objectContaining(expected)]),
        thenFails: (expected: Partial<DomainError>) => {
          expect(decide).toThrow(DomainError);
          expect(decide).toThrow(expect.objectContaining(expected) as never);
        },
      };
    },
  };
}

describe('licence product and edition names', () => {
  describe('given no licence', () => {
    it('rule: a product and an edition are stored in composed form (NFC), trimmed', () => {
      given()
        .when(issue({ product: ` ${DECOMPOSED}\t`, edition: ' Su\u0308ite Std ' }))
        .thenRecords({ product: COMPOSED, edition: 'S\u00fcite Std' });
    });

    it('rule: a product spelled as a known one, in either Unicode form, is that product', () => {
      given()
        .when(issue({ product: DECOMPOSED }), [COMPOSED])
        .thenRecords({ product: COMPOSED });
      // A product recorded before names were composed: typing it composed is the same spelling.
      given()
        .when(issue({ product: COMPOSED }), [DECOMPOSED])
        .thenRecords({ product: COMPOSED });
    });

    it.each([
      ['SITEFINITY', ['Sitefinity', 'DevCraft'], '"Sitefinity"'],
      ['data, "pro" su\u0308ite', [COMPOSED], JSON.stringify(COMPOSED)],
      // Both spellings already recorded (before this rule): both are named.
      ['sitefinity', ['SITEFINITY', 'Sitefinity'], '"SITEFINITY" or "Sitefinity"'],
    ])(
      'rule: a product that differs from a known one only by case (%j) is refused naming the known spelling',
      (product, known, named) => {
        given()
          .when(issue({ product }), known)
          .thenFails({
            code: 'product-look-alike',
            kind: 'validation',
            field: 'product',
            message: expect.stringContaining(`Spell it ${named}`) as never,
          });
      },
    );

    it('rule: another product is not a look-alike, whatever the known ones', () => {
      given()
        .when(issue({ product: 'Sitefinity CMS' }), ['Sitefinity'])
        .thenRecords({
          product: 'Sitefinity CMS',
        });
    });
  });

  describe('given an issued licence', () => {
    it('rule: a new edition is stored composed too', () => {
      given(licenceIssued({ edition: 'Std' }))
        .when(changeEdition('Su\u0308ite'))
        .thenRecords({ terms: { edition: 'S\u00fcite' } });
    });
  });
});

describe('productKey', () => {
  it('is one key for spellings that differ only by case, Unicode form or surrounding spaces', () => {
    expect(new Set([COMPOSED, DECOMPOSED, ' DATA, "PRO" SÜITE '].map(productKey)).size).toBe(1);
    expect(productKey('Sitefinity')).not.toBe(productKey('Sitefinity CMS'));
  });
});
