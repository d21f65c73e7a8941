import { givenCase } from '../testing/given-when-then';
import { actors, commands, context, historyOf, plus, resolvedHistory, T0 } from '../testing/case-fixtures';

/**
 * A reopening restarts the resolution clock as logging a case starts one, so on an expired licence
 * a customer may not reopen (the same licence-expired refusal opening, escalating and sharing give),
 * while an engineer may still correct a wrong resolution. Reopening happens at T0 + 2 days.
 */
const ENDED = '2024-06-03'; // expired at 2024-06-04T12:00Z, before the reopening
const IN_FORCE = '2024-12-31';
const onLicence = (activeUntil: string) => context({ caseLicenceActiveUntil: activeUntil });
const closedHistory = () =>
  historyOf([
    commands.openCase(),
    commands.comment(),
    commands.resolve(),
    commands.close({ at: plus(T0, { days: 1, hours: 6 }) }),
  ]);

describe('reopening a resolved case on an expired licence', () => {
  it('a customer is refused with licence-expired, told who can reopen and that commenting still works', () => {
    givenCase(resolvedHistory(), onLicence(ENDED))
      .when(commands.reopen())
      .thenFails({
        code: 'licence-expired',
        kind: 'forbidden',
        message:
          /^The licence for Sitefinity CMS \(Online Marketing License\) expired \(active until 2024-06-03, licence id lic-1\); you can reopen its cases again once it is renewed.*comment.*support engineer can reopen it/,
      });
  });

  it('a customer reopening a closed case is not told to comment (a closed case takes none): a support engineer can reopen it', () => {
    givenCase(closedHistory(), onLicence(ENDED))
      .when(commands.reopen())
      .thenFails({
        code: 'licence-expired',
        message:
          /^(?!.*comment on the case).*takes no comments \(it is closed\): ask a support engineer, who can reopen it/,
      });
  });

  it('one outside the account (case team or sharee from another company) is told no licence id, last day or renewal', () => {
    const outsider = context({ caseLicenceActiveUntil: ENDED, licenceTermsWithheld: true });
    givenCase(resolvedHistory(), outsider)
      .when(commands.reopen({ actor: actors.bob }))
      .thenFails({
        code: 'licence-expired',
        kind: 'forbidden',
        message:
          /^(?!.*(lic-1|2024-06-03|account manager))The customer's licence for this case is not in force.*support engineer.*alice@acme\.example.*still comment/,
      });
    givenCase(closedHistory(), outsider)
      .when(commands.reopen({ actor: actors.bob }))
      .thenFails({ code: 'licence-expired', message: /^(?!.*comment on the case).*takes no comments$/ });
  });

  it('a customer reopens as before while the licence is in force', () => {
    const events = givenCase(resolvedHistory(), onLicence(IN_FORCE)).when(commands.reopen()).events();
    expect(events.map((event) => event.type)).toEqual(['CaseReopened']);
  });

  it('a support engineer may still reopen (a wrong resolution is the vendor’s to correct)', () => {
    const events = givenCase(resolvedHistory(), onLicence(ENDED))
      .when(commands.reopen({ actor: actors.engineer }))
      .events();
    expect(events.map((event) => event.type)).toEqual(['CaseReopened']);
  });

  it('a customer’s reply to the resolution is kept but reopens nothing: the case stays resolved', () => {
    const reply = commands.comment({ actor: actors.alice, at: plus(T0, { days: 2 }), commentId: 'c-9' });
    const events = givenCase(resolvedHistory(), onLicence(ENDED)).when(reply).events();
    expect(events.map((event) => event.type)).toEqual(['CommentAdded']);
    const inForce = givenCase(resolvedHistory(), onLicence(IN_FORCE)).when(reply).events();
    expect(inForce.map((event) => event.type)).toEqual(['CaseReopened', 'CommentAdded']);
  });

  it('a customer with another licence of the account in force escalates it without reopening it', () => {
    const escalation = commands.escalate({ at: plus(T0, { days: 2 }) });
    const licensed = (activeUntil: string) =>
      context({ caseLicenceActiveUntil: activeUntil, actorIsLicensedUser: true });
    const events = givenCase(resolvedHistory(), licensed(ENDED)).when(escalation).events();
    expect(events.map((event) => event.type)).toEqual(['CaseEscalated']);
    const inForce = givenCase(resolvedHistory(), licensed(IN_FORCE)).when(escalation).events();
    expect(inForce.map((event) => event.type)).toEqual(['CaseReopened', 'CaseEscalated']);
  });
});

/**
 * Customer finding F1 (addendum): on a closed case whose licence expired, the comment's 409 sent the
 * customer to reopen it (refused: licence-expired) or open a new case on it (refused too). It now
 * names only what they can do: ask a support engineer, who can reopen it, or open a new case under
 * a licence that is in force.
 */
describe('refusing a customer on a closed case whose licence expired', () => {
  const later = plus(T0, { days: 2 });
  const customersComment = commands.comment({
    actor: actors.alice,
    at: later,
    commentId: 'c-2',
    body: 'hello?',
  });

  it('a comment is refused case-closed without the reopening the customer is refused', () => {
    givenCase(closedHistory(), onLicence(ENDED))
      .when(customersComment)
      .thenFails({
        code: 'case-closed',
        kind: 'conflict',
        message:
          /^(?!.*reopen it with a reason)The case was closed at .*Its licence is not in force, so you cannot reopen it yourself: ask a support engineer, who can reopen it until .*; for a new problem, open a new case under a licence that is in force$/,
      });
  });

  it('while the licence is in force, the refusal still says to reopen it with a reason', () => {
    givenCase(closedHistory(), onLicence(IN_FORCE))
      .when(customersComment)
      .thenFails({ code: 'case-closed', message: /To continue it, reopen it with a reason before/ });
  });

  it('a customer with another licence in force who escalates the closed case is refused the same way', () => {
    givenCase(closedHistory(), context({ caseLicenceActiveUntil: ENDED, actorIsLicensedUser: true }))
      .when(commands.escalate({ at: later }))
      .thenFails({ code: 'case-closed', message: /^(?!.*reopen it with a reason).*ask a support engineer/ });
  });
});
