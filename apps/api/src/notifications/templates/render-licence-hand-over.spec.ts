import type { LicenceEvent } from '@casetrail/domain';
import {
  LICENCE_IDS,
  licenceIssued,
  userInvited,
  userRegistered,
} from '@casetrail/domain/licences/testing/licence-events';
import { ADMIN, HOLDER, licenceChangeRows, renderLicenceChange } from '../testing/licence-change-rows';
import { OutboxFixture } from '../testing/outbox-fixture';

const JANE = { email: 'jane@acme.example', name: 'Jane Doe' };

const handedOver = (holderEmail: string, previousHolderEmail: string, at: string): LicenceEvent => ({
  type: 'LicenceHolderChanged',
  data: { ...LICENCE_IDS, holderEmail, previousHolderEmail, reason: 'boss leaving', at },
});

/**
 * The outbox both describes read: Jane invited and registered, the holder hands the licence over to
 * her (mailed to Jane alone), then an admin hands it back at `handedBackAt` (both mailed).
 */
async function handedOverAndBack(handedBackAt: string): Promise<OutboxFixture> {
  const fixture = new OutboxFixture();
  await fixture.start();
  await fixture.appendLicence([licenceIssued(), userInvited(JANE.email, '2026-03-02T09:00:00.000Z')], HOLDER);
  await fixture.appendLicence([userRegistered(JANE.email, '2026-03-02T10:00:00.000Z')], JANE);
  await fixture.appendLicence([handedOver(JANE.email, HOLDER.email, '2026-03-03T10:00:00.000Z')], HOLDER);
  await fixture.appendLicence([handedOver(HOLDER.email, JANE.email, handedBackAt)], ADMIN);
  return fixture;
}

/**
 * Newcomer review 2, N3: a hand-over (PUT /v1/licences/{id}/holder) mailed nobody. The new holder
 * now hears that they hold the licence and how to manage its users, the previous holder that they
 * no longer hold it and what they keep; whoever made the change is not mailed it (the rule of
 * every licence-change mail), so an admin's hand-over tells both, a holder's own only the new one.
 */
describe('renderNotification: a licence handed over to another holder', () => {
  let fixture: OutboxFixture;
  const handOverRows = () => licenceChangeRows(fixture, 'LicenceHolderChanged');
  const render = renderLicenceChange;

  beforeAll(async () => {
    fixture = await handedOverAndBack('2026-03-04T10:00:00.000Z');
  });

  afterAll(() => fixture.close());

  it("mails the new holder and, on an admin's hand-over, the previous one; never the one who handed over", async () => {
    const rows = await handOverRows();
    expect(rows.map((row) => [row.recipient, row.reasons])).toEqual([
      [JANE.email, ['holder']],
      [HOLDER.email, ['holder']],
      [JANE.email, ['previous-holder']],
    ]);
  });

  it('tells the new holder what holding lets them do, with the requests', async () => {
    const { subject, text } = render((await handOverRows())[0]);
    expect(subject).toBe('[Casetrail] You now hold Sitefinity CMS (Online Marketing License)');
    expect(text).toContain(
      'Hannah Holder <holder@acme.example> handed Sitefinity CMS (Online Marketing License) over to you: you now hold it',
    );
    expect(text).toContain('As its holder you manage its users');
    expect(text).toContain(
      "open the licence on the support console's Licences page, https://x/#/licences/lic-1;",
    );
    expect(text).toContain('GET https://x/v1/licences/lic-1\n');
    expect(text).toContain('POST https://x/v1/licences/lic-1/users  {"email": "..."');
    expect(text).toContain('PUT https://x/v1/licences/lic-1/holder  {"email": "..."}');
    expect(text).toContain('Holder: jane@acme.example\n');
    expect(text).toContain('Previous holder: holder@acme.example\n');
    expect(text).toContain('Reason: boss leaving\n');
    expect(text).toContain('You receive this because you hold this licence.');
  });

  it('tells the previous holder they no longer hold it, and that they keep their user entry', async () => {
    const { subject, text } = render((await handOverRows())[2]);
    expect(subject).toBe('[Casetrail] You no longer hold Sitefinity CMS (Online Marketing License)');
    expect(text).toContain(
      'adam@vendor.example handed Sitefinity CMS (Online Marketing License) over to holder@acme.example: you no longer hold it',
    );
    expect(text).toContain(
      'You keep your user entry and its permissions: you can still open cases on this licence.',
    );
    expect(text).toContain('You receive this because you held this licence until this change.');
  });

  it('tells a previous holder with no user entry that the licence is no longer theirs to read', async () => {
    const row = { ...(await handOverRows())[2], previousHolderEntry: 'none' as const };
    expect(render(row).text).toContain(
      'You have no user entry on this licence, so you can no longer read it',
    );
  });
});

/**
 * Customer finding: "You keep your user entry and its permissions: you can still open cases on this
 * licence" was promised whether or not the licence was in force; on a licence past its end (the
 * builders' licence expires at the start of 2027) nobody opens cases on it until it is renewed.
 */
describe('renderNotification: a licence handed over after its end', () => {
  let fixture: OutboxFixture;

  beforeAll(async () => {
    // The admin hands it back after the licence's end.
    fixture = await handedOverAndBack('2027-02-01T10:00:00.000Z');
  });

  afterAll(() => fixture.close());

  it('tells the previous holder they keep their user entry, but not that they can open cases on it', async () => {
    const rows = await licenceChangeRows(fixture, 'LicenceHolderChanged');
    const toJane = rows.find((row) => row.reasons.includes('previous-holder'))!;
    const { text } = renderLicenceChange(toJane);
    expect(text).not.toContain('you can still open cases on this licence');
    expect(text).toContain(
      'You keep your user entry and its permissions, but the licence has ended: nobody can open cases on it ' +
        'until it is renewed (ask your account manager).',
    );
  });

  it('tells the new holder it has ended and what renews it, and offers no invitation, which would be refused', async () => {
    const rows = await licenceChangeRows(fixture, 'LicenceHolderChanged');
    const toHolder = rows.find((row) => row.reasons.includes('holder') && row.recipient === HOLDER.email)!;
    const { subject, text } = renderLicenceChange(toHolder);
    // Before: "As its holder you manage its users: you invite colleagues…", with the POST …/users
    // request an expired licence answers 403 licence-expired, and no word that it had ended.
    expect(subject).toBe(
      '[Casetrail] You now hold Sitefinity CMS (Online Marketing License), which has ended',
    );
    expect(text).toContain('you now hold it, but it has ended');
    expect(text).toContain(
      'Nobody can be invited to it, nor complete a pending registration, until it is renewed',
    );
    expect(text).toContain('ask your account manager to renew it');
    expect(text).not.toContain('you invite colleagues');
    expect(text).not.toContain('POST https://x/v1/licences/lic-1/users');
  });
});
