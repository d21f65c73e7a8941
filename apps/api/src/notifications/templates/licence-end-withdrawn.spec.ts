import {
  licenceIssued,
  termsChanged,
  userInvited,
  userRegistered,
} from '@casetrail/domain/licences/testing/licence-events';
import { ADMIN, HOLDER, licenceChangeRows, renderLicenceChange } from '../testing/licence-change-rows';
import { OutboxFixture } from '../testing/outbox-fixture';

const UMA = 'uma@acme.example';
const IVY = 'ivy@acme.example';

/**
 * An end moved earlier is mailed to the licence's users; moved later again before that end came,
 * they were told nothing and went on expecting the earlier end (closing note, defect 1). Now they
 * hear that it no longer applies and the later date it runs to, as the holder hears they do.
 */
describe('renderNotification: an earlier end told to the users, then moved later before it came', () => {
  let fixture: OutboxFixture;

  beforeAll(async () => {
    fixture = new OutboxFixture();
    await fixture.start();
    await fixture.appendLicence(
      [
        licenceIssued(),
        userInvited(UMA, '2026-03-02T09:00:00.000Z'),
        userInvited(IVY, '2026-03-02T09:00:00.000Z'),
      ],
      HOLDER,
    );
    await fixture.appendLicence([userRegistered(UMA, '2026-03-02T10:00:00.000Z')], { email: UMA });
    await fixture.appendLicence(
      [
        termsChanged(
          { activeUntil: '2026-06-30', expiresAt: '2026-07-01T00:00:00.000Z' },
          { activeUntil: '2026-12-31', expiresAt: '2027-01-01T12:00:00.000Z' },
          '2026-05-01T09:00:00.000Z',
        ),
        termsChanged(
          { activeUntil: '2027-03-31', expiresAt: '2027-04-01T00:00:00.000Z' },
          { activeUntil: '2026-06-30', expiresAt: '2026-07-01T00:00:00.000Z' },
          '2026-06-01T09:00:00.000Z',
        ),
      ],
      ADMIN,
    );
  });

  afterAll(() => fixture.close());

  const termsRowsTo = async (email: string) =>
    (await licenceChangeRows(fixture, 'LicenceTermsChanged')).filter((row) => row.recipient === email);

  it('tells the user that the earlier end no longer applies, and when the licence now ends', async () => {
    const [earlier, later] = await termsRowsTo(UMA);
    expect(earlier).toBeDefined();
    expect(later).toBeDefined();
    const { subject, text } = renderLicenceChange(later);
    expect(subject).toBe(
      '[Casetrail] The end of Sitefinity CMS (Online Marketing License) moved later: active until 2027-03-31',
    );
    expect(text).toContain('The earlier end you were told of (');
    expect(text).toContain('no longer applies: the licence is in force until');
    expect(text).toContain('and you can open, share and reopen cases on it until then.');
  });

  it('tells a pending invitee that she can complete her registration until the later end', async () => {
    const [, later] = await termsRowsTo(IVY);
    expect(renderLicenceChange(later).text).toContain(
      'and you can complete your registration until then, as your invitation says.',
    );
  });

  it("tells the holder that its users hear of it, and mails them once (a third change is no one's news)", async () => {
    const [, later] = await termsRowsTo(HOLDER.email);
    expect(renderLicenceChange(later).text).toContain(
      'Its users and pending invitees, told of its earlier end, are told by mail that it no longer applies.',
    );
    await fixture.appendLicence(
      [
        termsChanged(
          { activeUntil: '2027-06-30', expiresAt: '2027-07-01T00:00:00.000Z' },
          { activeUntil: '2027-03-31', expiresAt: '2027-04-01T00:00:00.000Z' },
          '2026-06-02T09:00:00.000Z',
        ),
      ],
      ADMIN,
    );
    expect(await termsRowsTo(UMA)).toHaveLength(2);
  });
});
