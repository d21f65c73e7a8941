import type { AccountEvent, LicenceEvent } from '@casetrail/domain';
import { actors, commands, historyOf, T0 } from '@casetrail/domain/cases/testing/case-fixtures';
import {
  licenceIssued,
  userInvited,
  userRegistered,
} from '@casetrail/domain/licences/testing/licence-events';
import { NOTIFICATION_OUTBOX, type CaseNotification } from '@casetrail/readmodels/notifications';
import { OutboxFixture } from '../testing/outbox-fixture';
import { renderNotification } from './render-notification';

/** The fixture's licence events on its account `acc-1` (the licence builders name `acc-acme`). */
const ofAcme = (event: LicenceEvent): LicenceEvent =>
  ({ ...event, data: { ...event.data, accountId: 'acc-1' } }) as LicenceEvent;

/**
 * The edition of the licence a case was opened under (what the owning customer bought) is shown in
 * mail, as in the API (commit d7b1440), to staff, the opener and the account's own people (its
 * licences' holders and active users) only: a case-team member or sharee from another company, or
 * an invitee yet to register, reads the product alone.
 */
describe('mail about a case: the licence terms, to people from outside its account', () => {
  let fixture: OutboxFixture;

  beforeAll(async () => {
    fixture = new OutboxFixture();
    // Case team: tom, tina and theo of Acme.
    await fixture.start();
    await fixture.appendAccount({
      type: 'CaseTeamMemberAdded',
      data: { accountId: 'acc-1', email: 'olga@partner.example', name: 'Olga', notify: true, at: T0 },
    } satisfies AccountEvent);
    await fixture.appendLicence(
      [
        licenceIssued({ holderEmail: 'Tina@acme.example' }),
        userInvited('tom@acme.example', T0),
        userRegistered('tom@acme.example', T0),
        userInvited('theo@acme.example', T0),
      ].map(ofAcme),
    );
    await fixture.appendCase(
      'case-1',
      historyOf([commands.openCase(), commands.share(), commands.comment({ actor: actors.engineer })]),
    );
  });

  afterAll(() => fixture.close());

  const rowsOf = async (type: string) =>
    (
      await fixture.readModels.find<CaseNotification>(NOTIFICATION_OUTBOX, { where: { caseId: 'case-1' } })
    ).items
      .filter((row) => row.change.type === type)
      .sort((left, right) => left.recipient.localeCompare(right.recipient));
  const productLine = (row: CaseNotification) =>
    renderNotification(row, { publicUrl: 'https://x' }).text.match(/^Product: .*$/m)?.[0];

  it("names the edition to the account's holder and active user, and withholds it from a partner and a pending invitee", async () => {
    const opened = await rowsOf('CaseOpened');
    expect(opened.map((row) => [row.recipient, productLine(row)])).toEqual([
      ['olga@partner.example', 'Product: Sitefinity CMS'],
      ['theo@acme.example', 'Product: Sitefinity CMS'],
      ['tina@acme.example', 'Product: Sitefinity CMS (Online Marketing License)'],
      ['tom@acme.example', 'Product: Sitefinity CMS (Online Marketing License)'],
    ]);
    const html = renderNotification(opened[0], { publicUrl: 'https://x' }).html;
    expect(html).not.toContain('Online Marketing License');
  });

  it("marks every row to such a reader, a sharee's too, and none to the opener", async () => {
    const commented = await rowsOf('CommentAdded');
    expect(commented.map((row) => [row.recipient, row.licenceTermsWithheld ?? false])).toEqual([
      ['alice@acme.example', false],
      ['dora@acme.example', true],
      ['olga@partner.example', true],
      ['theo@acme.example', true],
      ['tina@acme.example', false],
      ['tom@acme.example', false],
    ]);
  });
});
