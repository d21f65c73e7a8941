import { Actor } from '../../auth/actor';
import { ActorReach } from './actor-reach';
import { CaseVisibilityFacts, seesEveryCase } from './case-visibility';
import { LASTING_GROUND, commandGroundOf, isShareOnly, revocableGround } from './command-ground';

/**
 * DOMAIN.md "Who may see a case": the opener; the account's case team; people the case is shared
 * with; licensed users with see-shared-tickets when the opener has share-tickets; engineers,
 * auditors, admins, and the account's CSM. Everyone else must not learn the case exists.
 */
/** The visibility rule written plainly, as the independent check of commandGroundOf. */
function maySeeCase(actor: Actor, reach: ActorReach, facts: CaseVisibilityFacts): boolean {
  if (seesEveryCase(actor)) return true;
  if (reach.csmAccounts.includes(facts.accountId)) return true;
  if (facts.openedBy === actor.email) return true;
  if (facts.sharedWith.includes(actor.email)) return true;
  if (reach.teamAccounts.includes(facts.accountId)) return true;
  // The viewer's licences in force (reach); the case's licence, expired or not, takes nothing away.
  return facts.openerShareTickets && reach.seeSharedAccounts.includes(facts.accountId);
}

const ACCOUNT = 'acc-acme';
const customer = (email: string): Actor => ({ sub: email, email, roles: [] });
const nowhere: ActorReach = {
  teamAccounts: [],
  seeSharedAccounts: [],
  seeSharedLicences: [],
  csmAccounts: [],
};
const caseFacts = (overrides: Partial<CaseVisibilityFacts> = {}): CaseVisibilityFacts => ({
  accountId: ACCOUNT,
  openedBy: 'alice@acme.example',
  openerShareTickets: true,
  sharedWith: [],
  ...overrides,
});
const seeingShared = (...licences: { accountId: string; licenceId: string }[]): ActorReach => ({
  ...nowhere,
  seeSharedAccounts: [...new Set(licences.map((licence) => licence.accountId))],
  seeSharedLicences: licences,
});

describe('the ground a command is let in on', () => {
  it('is lasting for staff, the opener and the account’s CSM: nothing to look at again', () => {
    expect(
      commandGroundOf({ sub: 'e', email: 'eve@vendor.example', roles: ['engineer'] }, nowhere, caseFacts()),
    ).toBe(LASTING_GROUND);
    expect(commandGroundOf(customer('alice@acme.example'), nowhere, caseFacts())).toBe(LASTING_GROUND);
    const csm: Actor = { sub: 'c', email: 'cora@vendor.example', roles: ['csm'] };
    expect(commandGroundOf(csm, { ...nowhere, csmAccounts: [ACCOUNT] }, caseFacts())).toBe(LASTING_GROUND);
  });

  it('names each revocable way in: the share, the case team, the licences giving see-shared-tickets', () => {
    const reach: ActorReach = {
      ...seeingShared(
        { accountId: ACCOUNT, licenceId: 'lic-1' },
        { accountId: 'acc-other', licenceId: 'lic-9' },
      ),
      teamAccounts: [ACCOUNT],
    };
    expect(
      commandGroundOf(
        customer('tina@partner.example'),
        reach,
        caseFacts({ sharedWith: ['tina@partner.example'] }),
      ),
    ).toEqual(revocableGround({ sharedWith: true, onCaseTeam: true, seeSharedOn: ['lic-1'] }));
  });

  it('gives no see-shared way in while the opener may not share tickets', () => {
    const reach = seeingShared({ accountId: ACCOUNT, licenceId: 'lic-1' });
    expect(
      commandGroundOf(customer('carol@acme.example'), reach, caseFacts({ openerShareTickets: false })),
    ).toBe(undefined);
  });

  it("gives the see-shared way in through the colleague's licence in force, whatever became of the case's", () => {
    // carol's own licence lic-2 is in force (reach holds only those); the case's licence lic-1 expired.
    const reach = seeingShared({ accountId: ACCOUNT, licenceId: 'lic-2' });
    expect(commandGroundOf(customer('carol@acme.example'), reach, caseFacts())).toEqual(
      revocableGround({ seeSharedOn: ['lic-2'] }),
    );
  });

  it('tells a share-only ground apart: it does not show the account’s case team', () => {
    expect(isShareOnly(revocableGround({ sharedWith: true }))).toBe(true);
    expect(isShareOnly(revocableGround({ sharedWith: true, onCaseTeam: true }))).toBe(false);
    expect(isShareOnly(revocableGround({ seeSharedOn: ['lic-1'] }))).toBe(false);
    expect(isShareOnly(LASTING_GROUND)).toBe(false);
  });

  it('lets in exactly those "who may see a case" lets see it', () => {
    const actors: Actor[] = [
      customer('alice@acme.example'),
      customer('carol@acme.example'),
      { sub: 'c', email: 'cora@vendor.example', roles: ['csm'] },
      { sub: 'a', email: 'audrey@vendor.example', roles: ['auditor'] },
    ];
    const reaches: ActorReach[] = [
      nowhere,
      { ...nowhere, teamAccounts: [ACCOUNT] },
      { ...nowhere, teamAccounts: ['acc-other'] },
      { ...nowhere, csmAccounts: [ACCOUNT] },
      seeingShared({ accountId: ACCOUNT, licenceId: 'lic-1' }),
      seeingShared({ accountId: 'acc-other', licenceId: 'lic-9' }),
      // The case's licence lic-1 expired; the actor's own lic-2 has not.
      seeingShared({ accountId: ACCOUNT, licenceId: 'lic-2' }),
    ];
    for (const actor of actors)
      for (const reach of reaches)
        for (const openerShareTickets of [true, false])
          for (const sharedWith of [[], [actor.email]]) {
            const facts = caseFacts({ openerShareTickets, sharedWith });
            const ground = commandGroundOf(actor, reach, facts);
            expect({ actor: actor.email, reach, facts, letIn: ground !== undefined }).toEqual({
              actor: actor.email,
              reach,
              facts,
              letIn: maySeeCase(actor, reach, facts),
            });
          }
  });
});
