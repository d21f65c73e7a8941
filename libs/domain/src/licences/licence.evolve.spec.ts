import { fold } from '../shared/decider';
import { licenceDecider } from './licence.decider';
import { LicenceEvent } from './licence.events';
import { IssuedLicence } from './licence.state';
import { licenceIssued, userInvited, userRegistered, userRemoved } from './testing/licence-events';

const AT = '2026-03-05T10:00:00.000Z';
const issued = licenceIssued();
const invited = (email: string) => userInvited(email, AT);
const registered = (email: string) => userRegistered(email, AT);
const removed = (email: string) => userRemoved(email, AT);

function licenceAfter(...history: LicenceEvent[]): IssuedLicence {
  const state = fold(licenceDecider, history);
  if (state.status !== 'issued') throw new Error('expected an issued licence');
  return state;
}

const emailsOf = (licence: IssuedLicence) => [...licence.users.keys()];

describe('licence evolve: the users a licence holds', () => {
  it('keeps users in invitation order; a registration keeps its user in place', () => {
    const licence = licenceAfter(
      issued,
      invited('a@acme.example'),
      invited('b@acme.example'),
      registered('a@acme.example'),
    );
    expect(emailsOf(licence)).toEqual(['a@acme.example', 'b@acme.example']);
    expect(licence.users.get('a@acme.example')).toMatchObject({ status: 'active', registeredAt: AT });
  });

  it('drops a removed user; a re-invitation comes last, pending again', () => {
    const licence = licenceAfter(
      issued,
      invited('a@acme.example'),
      invited('b@acme.example'),
      registered('a@acme.example'),
      removed('a@acme.example'),
      invited('a@acme.example'),
    );
    expect(emailsOf(licence)).toEqual(['b@acme.example', 'a@acme.example']);
    expect(licence.users.get('a@acme.example')?.status).toBe('pending');
  });

  it('ignores a registration of a user it does not hold, returning the same state', () => {
    const before = licenceAfter(issued, invited('a@acme.example'));
    expect(licenceDecider.evolve(before, registered('nobody@acme.example'))).toBe(before);
  });

  it('does not change the state it is given: an earlier state still has its users as they were', () => {
    const before = licenceAfter(issued, invited('a@acme.example'));
    const after = licenceDecider.evolve(before, registered('a@acme.example')) as IssuedLicence;
    expect(before.users.get('a@acme.example')?.status).toBe('pending');
    expect(after.users.get('a@acme.example')?.status).toBe('active');
  });

  it('folds a licence of 20,000 users, each invited and registered, to all of them active in order', () => {
    // Each event used to copy the whole user list (quadratic: about 5 s at 10,000 users); a fold
    // of this size is the shape of a large enterprise licence. The bench times it; this checks it.
    const emails = Array.from({ length: 20_000 }, (_, index) => `user${index}@acme.example`);
    const licence = licenceAfter(issued, ...emails.map(invited), ...emails.map(registered));
    expect(licence.users.size).toBe(20_000);
    expect(emailsOf(licence)).toEqual(emails);
    expect([...licence.users.values()].every((user) => user.status === 'active')).toBe(true);
  });
});
