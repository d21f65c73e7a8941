import type { ActorIdentity } from '../accounts/actor-identity';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { DEFAULT_GROUP_MAILBOX_PATTERNS } from './group-mailbox';
import type { LicenceCommand, LicenceDecisionContext } from './licence.commands';
import { licenceDecider } from './licence.decider';
import type { LicenceEvent } from './licence.events';
import { BASIC, LICENCE_IDS, licenceIssued } from './testing/licence-events';

/**
 * DOMAIN.md "Licences and licensed users": a licensed user needs an individual company email;
 * group addresses and distribution lists are refused with a clear error. Given / When / Then over
 * the licence decider with the default policy.
 */
const policy: LicenceDecisionContext = { groupMailboxPatterns: DEFAULT_GROUP_MAILBOX_PATTERNS };
const holder: ActorIdentity = { email: 'holder@acme.example', roles: [] };
const AT = '2026-03-05T10:00:00.000Z';

function given(...history: LicenceEvent[]) {
  const state = fold(licenceDecider, history);
  return {
    when: (command: LicenceCommand) => ({
      then: (expected: LicenceEvent[]) =>
        expect(licenceDecider.decide(command, state, policy)).toEqual(expected),
      thenFails: (expected: Partial<DomainError>) => {
        let thrown: unknown;
        try {
          licenceDecider.decide(command, state, policy);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(DomainError);
        expect(thrown).toMatchObject(expected);
      },
    }),
  };
}

const assign = (email: string): LicenceCommand => ({
  type: 'AssignLicensedUser',
  data: { email, firstName: 'Sam', lastName: 'Tester', company: 'Acme', country: 'DE', permissions: BASIC },
  actor: holder,
  at: AT,
});

const assigned = (email: string): LicenceEvent => ({
  type: 'LicensedUserAssigned',
  data: {
    ...LICENCE_IDS,
    email,
    firstName: 'Sam',
    lastName: 'Tester',
    company: 'Acme',
    country: 'DE',
    permissions: BASIC,
    at: AT,
  },
});

describe('group mailboxes on a licence', () => {
  describe('given an issued licence: assigning a licensed user', () => {
    // The tester's addresses (F1): separators other than "-", words run together, a country code,
    // and role mailboxes in other European languages and Russian.
    it.each([
      'no_reply@acme.example',
      'no.reply@acme.example',
      'do_not_reply@acme.example',
      'allstaff@acme.example',
      'everyone-de@acme.example',
      'mailinglist@acme.example',
      'distribution@acme.example',
      'groups@acme.example',
      'hotline@acme.example',
      'root@acme.example',
      'soporte@acme.example',
      'supporto@acme.example',
      'kundendienst@acme.example',
      'kontakt@acme.example',
      'vertrieb@acme.example',
      'ventas@acme.example',
      'wsparcie@acme.example',
      'поддержка@acme.example',
    ])('rule: group address %s is refused, naming the email field', (email) => {
      given(licenceIssued())
        .when(assign(email))
        .thenFails({ code: 'group-mailbox-not-allowed', kind: 'validation', field: 'email' });
    });

    it.each([
      'john.smith@acme.example',
      'maria_soporte@acme.example',
      'anna-kontakt@acme.example',
      'ventas.garcia@acme.example',
    ])('rule: personal address %s is assigned', (email) => {
      given(licenceIssued())
        .when(assign(email))
        .then([assigned(email)]);
    });
  });
});
