import { T0 } from '@casetrail/domain/cases/testing/case-fixtures';
import { LICENCE_IDS, licenceIssued } from '@casetrail/domain/licences/testing/licence-events';
import { NOTIFICATION_OUTBOX, type LicenceIssuedNotification } from '@casetrail/readmodels/notifications';
import { OutboxFixture } from '../testing/outbox-fixture';
import { renderNotification } from './render-notification';

/**
 * The holder's mail names the account as people know it, by its name as it stood at the issue
 * (a rename included), with its id beside it for support; before, it gave the id alone.
 */
describe("renderNotification: a licence's issue names its account", () => {
  let fixture: OutboxFixture;

  beforeAll(async () => {
    fixture = new OutboxFixture();
    await fixture.start();
    // Registered as "Acme", then renamed before the licence is issued.
    const { accountId } = LICENCE_IDS;
    await fixture.appendAccount(
      { type: 'AccountRegistered', data: { accountId, name: 'Acme', timeZone: null, at: T0 } },
      {
        type: 'AccountDetailsChanged',
        data: { accountId, name: 'Acme Corporation', previous: { name: 'Acme' }, at: T0 },
      },
    );
    await fixture.appendLicence([licenceIssued()], { email: 'adam.admin@vendor.example' });
  });

  afterAll(() => fixture.close());

  const issuedRow = async () =>
    (
      await fixture.readModels.find<LicenceIssuedNotification>(NOTIFICATION_OUTBOX, {
        where: { kind: 'licence-issued' },
      })
    ).items[0];

  it('by the name it had at the issue, in the headline and the facts, keeping the id', async () => {
    const { text, html } = renderNotification(await issuedRow(), { publicUrl: 'https://x' });
    expect(text).toContain(
      'A licence for Sitefinity CMS (Online Marketing License) was issued to Acme Corporation with you as its holder.\n',
    );
    expect(text).toContain('Account: Acme Corporation\nAccount id: acc-acme\n');
    expect(html).toContain('<tr><th align="left">Account</th><td>Acme Corporation</td></tr>');
    // The console first (finding F10: the holder's mails offered bearer-token requests alone).
    expect(text).toContain("on the support console's Licences page: https://x/#/licences/");
  });

  it('by id alone when the outbox writer knew no name of it (a row written before it kept names)', async () => {
    const row = await issuedRow();
    const { accountName: _known, ...licence } = row.licence;
    const { text } = renderNotification({ ...row, licence }, { publicUrl: 'https://x' });
    expect(text).toContain(
      'A licence for Sitefinity CMS (Online Marketing License) was issued with you as its holder.\n',
    );
    expect(text).not.toContain('Account: ');
    expect(text).toContain('Account id: acc-acme\n');
  });
});
