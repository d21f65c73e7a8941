import { givenCase } from '../testing/given-when-then';
import {
  actors,
  commands,
  context,
  entitlement,
  historyOf,
  inProgressHistory,
  openedHistory,
  plus,
  resolvedHistory,
  T0,
} from '../testing/case-fixtures';

/**
 * A case refused because its licence ended says whom to ask for the renewal as the licence's own
 * refusals and mails say it (askForRenewal): its holder, named, or the account manager; the holder
 * themselves is sent to the account manager alone. Before, the case side said only "ask your account
 * manager", while the licence side named the holder.
 */
const HOLDER = 'holder@acme.example';
const ASK_HOLDER = `ask the licence's holder (${HOLDER}) or your account manager`;
const ENDED = '2024-06-01';
/** After the opening fixtures' licence (last day 2024-06-02) ended. */
const LATER = '2024-06-04T12:00:00.000Z';
const lapsedPermissions = (holderEmail = HOLDER) => ({
  shareTickets: true,
  licenceActiveUntil: ENDED,
  registered: true,
  holderEmail,
});

describe('case refusals on an ended licence name its holder to ask for the renewal', () => {
  it('opening a case names the holder to the user, and the holder is sent to their account manager', () => {
    const ended = entitlement({ licence: { activeUntil: '2024-06-02', holderEmail: HOLDER } });
    givenCase([], context({ entitlement: ended }))
      .when(commands.openCase({ at: LATER }))
      .thenFails({
        code: 'licence-expired',
        field: 'licenceId',
        message: `cases can be opened on it again once it is renewed (${ASK_HOLDER})`,
      });
    const heldByAlice = entitlement({
      licence: { activeUntil: '2024-06-02', holderEmail: actors.alice.email },
    });
    givenCase([], context({ entitlement: heldByAlice }))
      .when(commands.openCase({ at: LATER }))
      .thenFails({
        code: 'licence-expired',
        message: /once it is renewed \(ask your account manager\)$/,
      });
  });

  it('sharing by the opener whose share tickets lapsed with the licence names the holder', () => {
    givenCase(openedHistory(), context({ actorLicencePermissions: lapsedPermissions() }))
      .when(commands.share({ actor: actors.alice }))
      .thenFails({
        code: 'licence-expired',
        message: `your share tickets apply again once it is renewed (${ASK_HOLDER}). Until then`,
      });
  });

  it('escalating names the holder, and not to the holder themselves', () => {
    const lapsed = (holderEmail: string) =>
      context({ actorIsLicensedUser: false, actorLicencePermissions: lapsedPermissions(holderEmail) });
    givenCase(inProgressHistory(), lapsed(HOLDER))
      .when(commands.escalate())
      .thenFails({
        code: 'licence-expired',
        message: `you can escalate again once it is renewed (${ASK_HOLDER})`,
      });
    // Alice's token spells her address otherwise: she is still the holder, not told to ask herself.
    givenCase(inProgressHistory(), lapsed(actors.alice.email))
      .when(commands.escalate({ actor: { ...actors.alice, email: 'Alice@Acme.example' } }))
      .thenFails({ code: 'licence-expired', message: /once it is renewed \(ask your account manager\)/ });
  });

  it('reopening names the holder of the case’s licence', () => {
    givenCase(resolvedHistory(), context({ caseLicenceActiveUntil: ENDED, caseLicenceHolderEmail: HOLDER }))
      .when(commands.reopen())
      .thenFails({
        code: 'licence-expired',
        message: `you can reopen its cases again once it is renewed (${ASK_HOLDER})`,
      });
  });

  it('the opener refused the closure of an escalated case for the ended licence is told whom to ask', () => {
    const escalatedAndResolved = historyOf([commands.openCase(), commands.escalate(), commands.resolve()]);
    givenCase(
      escalatedAndResolved,
      context({ actorIsLicensedUser: false, actorLicencePermissions: lapsedPermissions() }),
    )
      .when(commands.close({ at: plus(T0, { days: 2 }) }))
      .thenFails({
        code: 'escalated-closure-not-allowed',
        message: `once it is renewed (${ASK_HOLDER}) you can close it yourself`,
      });
  });
});
