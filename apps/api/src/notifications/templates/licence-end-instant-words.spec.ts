import type { LicenceEvent } from '@casetrail/domain';
import { licenceIssued, termsChanged, userInvited } from '@casetrail/domain/licences/testing/licence-events';
import { ADMIN, HOLDER, licenceChangeRows, renderLicenceChange } from '../testing/licence-change-rows';
import { OutboxFixture } from '../testing/outbox-fixture';
import { formatInstant } from './format-instant';

const IVY = 'ivy@acme.example';
const END = '2026-11-30T05:32:00Z';
const END_INSTANT = '2026-11-30T05:32:00.000Z';
const ENDED = { activeUntil: END, expiresAt: END_INSTANT };

/**
 * customer3 F5: a licence issued to an instant printed it raw in its end and renewal mails ("active
 * until 2026-11-30T05:32:00Z", "Active until: ... (was 2026-11-30T05:32:00Z)") beside a formatted
 * "Ended:" line. Now it reads as the mail's other instants do; a date stays as the admin gave it.
 */
describe('renderNotification: the end of a licence issued to an instant, in its end and renewal mails', () => {
  let fixture: OutboxFixture;
  const formatted = formatInstant(END_INSTANT);

  beforeAll(async () => {
    fixture = new OutboxFixture();
    await fixture.start();
    await fixture.appendLicence([licenceIssued(ENDED), userInvited(IVY, '2026-11-30T05:15:00.000Z')], HOLDER);
    const lapse: LicenceEvent = {
      type: 'LicenceExpired',
      data: { licenceId: 'lic-1', accountId: 'acc-acme', ...ENDED, at: '2026-11-30T05:32:30.000Z' },
    };
    await fixture.appendLicence([lapse], { email: 'casetrail' });
    await fixture.appendLicence(
      [
        termsChanged(
          { activeUntil: '2027-06-30', expiresAt: '2027-07-01T12:00:00.000Z' },
          ENDED,
          '2026-11-30T05:34:00.000Z',
        ),
      ],
      ADMIN,
    );
  });

  afterAll(() => fixture.close());

  it('formats the end in the end mails to the holder and the pending invitee', async () => {
    const rows = await licenceChangeRows(fixture, 'LicenceExpired');
    expect(rows.map((row) => row.recipient).sort()).toEqual([HOLDER.email, IVY].sort());
    for (const row of rows) {
      const { text } = renderLicenceChange(row);
      expect(text).not.toContain(END);
      expect(text).toContain(`reached the end of its term (active until ${formatted}) and has ended`);
      expect(text).toMatch(new RegExp(`Active until:\\s+${formatted.replace(/[()]/g, '\\$&')}`));
    }
  });

  it('formats the previous end in the renewal mail, and keeps the new date as given', async () => {
    const rows = await licenceChangeRows(fixture, 'LicenceTermsChanged');
    const toHolder = rows.find((row) => row.recipient === HOLDER.email)!;
    const { text } = renderLicenceChange(toHolder);
    expect(text).not.toContain(END);
    expect(text).toContain(`2027-06-30 (was ${formatted})`);
  });
});
