import { givenCase } from '../testing/given-when-then';
import { actors, commands, context, historyOf, inProgressHistory, plus, T0 } from '../testing/case-fixtures';

/**
 * A customer whose licence expired is told the licence expired when they escalate, as opening or
 * sharing a case on it tells them, not given the list of who may escalate.
 */
const at = plus(T0, { hours: 1 });
// The opener's licence ended (an admin moved activeUntil into the past) before the escalation.
const lapsed = (registered: boolean) =>
  context({
    actorIsLicensedUser: false,
    actorLicencePermissions: { shareTickets: false, licenceActiveUntil: '2024-06-01', registered },
  });

describe('case decider: escalation by a customer without a licence in force', () => {
  it('a registered user of the case’s expired licence gets licence-expired, naming the licence and its last day', () => {
    givenCase(inProgressHistory(), lapsed(true))
      .when(commands.escalate({ at }))
      .thenFails({
        code: 'licence-expired',
        kind: 'forbidden',
        // The escalation request names no licence: no field is blamed.
        field: undefined,
        message:
          'The licence for Sitefinity CMS (Online Marketing License) expired (active until 2024-06-01, licence id lic-1); you can escalate again once it is renewed (ask your ' +
          'account manager). Until then, you can still comment on the case, and a support engineer can escalate it',
      });
  });

  it('someone who was never a registered user of it (a case-team follower, a shared user) gets the rule', () => {
    givenCase(inProgressHistory(), lapsed(false))
      .when(commands.escalate({ at }))
      .thenFails({ code: 'escalation-not-allowed', kind: 'forbidden' });
    givenCase(inProgressHistory(), context({ actorIsLicensedUser: false }))
      .when(commands.escalate({ at }))
      .thenFails({ code: 'escalation-not-allowed', kind: 'forbidden' });
  });

  it('a user removed from the case’s licence (the opener keeps the case) is told so, and who can add them again', () => {
    givenCase(
      inProgressHistory(),
      context({
        actorIsLicensedUser: false,
        actorLicencePermissions: {
          shareTickets: false,
          licenceActiveUntil: '2030-12-31',
          registered: false,
          removed: true,
          holderEmail: 'it.lead@acme.example',
        },
      }),
    )
      .when(commands.escalate({ at, actor: actors.alice }))
      .thenFails({
        code: 'escalation-not-allowed',
        kind: 'forbidden',
        message:
          `You (${actors.alice.email}) were removed from this case's licence, and an escalation is requested by a ` +
          'licensed user; ask the licence holder (it.lead@acme.example) or a licensed user with manage users to add ' +
          'you again. Meanwhile you can still comment on the case, and a licensed colleague who sees it, or a ' +
          'support engineer, can escalate it',
      });
  });

  it('a user of a licence still in force who is not a licensed user (and not known as removed) gets the rule', () => {
    givenCase(
      inProgressHistory(),
      context({
        actorIsLicensedUser: false,
        actorLicencePermissions: { shareTickets: false, licenceActiveUntil: '2030-12-31', registered: false },
      }),
    )
      .when(commands.escalate({ at, actor: actors.alice }))
      .thenFails({ code: 'escalation-not-allowed' });
  });

  it('on a closed case, a registered user of its expired licence is not told to comment (a closed case takes none)', () => {
    const closed = historyOf([
      commands.openCase(),
      commands.comment(),
      commands.resolve(),
      commands.close({ at: plus(T0, { days: 1 }) }),
    ]);
    givenCase(closed, lapsed(true))
      .when(commands.escalate({ at: plus(T0, { days: 2 }) }))
      .thenFails({
        code: 'licence-expired',
        message:
          /^(?!.*comment on the case).*escalate again once it is renewed.*takes no comments \(it is closed\): ask a support engineer, who can reopen it$/,
      });
  });

  it('on a case closed longer ago than the reopen window, nobody is said to be able to reopen it (nobody can)', () => {
    const closedAt = plus(T0, { days: 1 });
    const closed = historyOf([
      commands.openCase(),
      commands.comment(),
      commands.resolve(),
      commands.close({ at: closedAt }),
    ]);
    // The default policy's reopen window is 30 days from the closure.
    givenCase(closed, lapsed(true))
      .when(commands.escalate({ at: plus(T0, { days: 40 }) }))
      .thenFails({
        code: 'licence-expired',
        message:
          /^(?!.*reopen it$)The licence for Sitefinity CMS \(Online Marketing License\) expired \(active until 2024-06-01, licence id lic-1\).*The case was closed at .*, and closed cases can be reopened within 30 days \(wall clock\) only: for a new problem, open a new case under a licence that is in force$/,
      });
  });
});
