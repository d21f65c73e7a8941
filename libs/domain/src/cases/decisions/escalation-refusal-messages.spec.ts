import { givenCase } from '../testing/given-when-then';
import { actors, commands, context, historyOf, plus, T0 } from '../testing/case-fixtures';

/**
 * Each kind of caller refused an escalation is told why in words that fit them, and what they can
 * do instead: a CSM is not told about case-team members and shares, nor a case-team member about
 * CSMs. Same code for all (escalation-not-allowed); the message is the difference.
 */
const at = plus(T0, { hours: 2 });
// Alice opened it; an engineer answered and shared it with Dora, who holds no licence.
const history = historyOf([commands.openCase(), commands.comment(), commands.share()]);
const DORA = { email: 'dora@acme.example', name: 'Dora Developer', roles: [] };
const TOM = { email: 'tom@partner.example', name: 'Tom Team', roles: [] };
const withoutLicence = context({ actorIsLicensedUser: false });

describe('case decider: what a caller refused an escalation is told', () => {
  it('a CSM: what is theirs in an escalation, and that an engineer or the customer raises it', () => {
    givenCase(history, context())
      .when(commands.escalate({ at, actor: actors.csm }))
      .thenFails({
        code: 'escalation-not-allowed',
        kind: 'forbidden',
        message:
          'A CSM acknowledges escalations, posts their status updates and de-escalates them; raising one is for a ' +
          'support engineer, or a licensed user of the customer who sees the case. Ask an engineer to escalate it (an ' +
          'internal note on the case reaches its assignee and the engineers who worked on it), or the customer to ' +
          'request it',
      });
  });

  it('someone the case is shared with: that they follow it, and to ask the opener or support', () => {
    givenCase(history, withoutLicence)
      .when(commands.escalate({ at, actor: DORA }))
      .thenFails({
        code: 'escalation-not-allowed',
        kind: 'forbidden',
        message:
          'The case is shared with you (dora@acme.example), which lets you follow it and comment on it; an ' +
          'escalation is requested by a licensed user of the customer who sees the case, or raised by a support ' +
          `engineer. Ask the person who opened it (${actors.alice.email}) to escalate it, or ask support to in a ` +
          'comment on the case',
      });
  });

  it('a case-team member without a licence: that they follow it as one, and whom to ask', () => {
    givenCase(history, withoutLicence)
      .when(commands.escalate({ at, actor: TOM }))
      .thenFails({
        code: 'escalation-not-allowed',
        kind: 'forbidden',
        message:
          "You (tom@partner.example) follow this case as a member of its account's case team, not as a registered " +
          "user of one of the account's licences; an escalation is requested by a licensed user who sees the case, " +
          `or raised by a support engineer. Ask the person who opened it (${actors.alice.email}) or another licensed ` +
          'user to escalate it, or ask support to in a comment on the case',
      });
  });

  it('a sharee or case-team member, when the opener cannot escalate either: support, not the opener', () => {
    // The opener's licence ended, and no other licence of the account is hers: she would be refused too.
    const openerLapsed = context({ actorIsLicensedUser: false, openerMayEscalate: false });
    givenCase(history, openerLapsed)
      .when(commands.escalate({ at, actor: DORA }))
      .thenFails({
        code: 'escalation-not-allowed',
        message:
          'The case is shared with you (dora@acme.example), which lets you follow it and comment on it; an ' +
          'escalation is requested by a licensed user of the customer who sees the case, or raised by a support ' +
          'engineer. The person who opened it cannot escalate it now either (no licence of theirs with the ' +
          'customer is in force): ask support to escalate it, in a comment on the case',
      });
    givenCase(history, openerLapsed)
      .when(commands.escalate({ at, actor: TOM }))
      .thenFails({
        code: 'escalation-not-allowed',
        message:
          "You (tom@partner.example) follow this case as a member of its account's case team, not as a registered " +
          "user of one of the account's licences; an escalation is requested by a licensed user who sees the case, " +
          'or raised by a support engineer. The person who opened it cannot escalate it now (no licence of theirs ' +
          'with the account is in force): ask a licensed user of the account whose licence is in force to escalate ' +
          'it, or ask support to in a comment on the case',
      });
  });

  it('the opener, no longer a registered user of the licence (invited again): to register, or who can add them', () => {
    givenCase(
      history,
      context({
        actorIsLicensedUser: false,
        actorLicencePermissions: {
          shareTickets: false,
          licenceActiveUntil: '2030-12-31',
          registered: false,
          holderEmail: 'it.lead@acme.example',
        },
      }),
    )
      .when(commands.escalate({ at, actor: actors.alice }))
      .thenFails({
        code: 'escalation-not-allowed',
        kind: 'forbidden',
        message:
          `You (${actors.alice.email}) opened this case but are not a registered user of its licence now, and an ` +
          'escalation is requested by a licensed user: complete your registration if you were invited again, or ask ' +
          'the licence holder (it.lead@acme.example) or a licensed user with manage users to add you. Meanwhile you ' +
          'can still comment on the case, and a licensed colleague who sees it, or a support engineer, can escalate it',
      });
  });
});
