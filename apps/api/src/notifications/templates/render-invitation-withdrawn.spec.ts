import type { LicenceEvent } from '@casetrail/domain';
import { licenceIssued, userInvited, userRemoved } from '@casetrail/domain/licences/testing/licence-events';
import { NOTIFICATION_OUTBOX, type LicenceChangeNotification } from '@casetrail/readmodels/notifications';
import { OutboxFixture } from '../testing/outbox-fixture';
import { renderNotification } from './render-notification';

const HOLDER = { email: 'holder@acme.example', name: 'Hannah Holder' };
const LEE = 'lee@acme.example';

/** The removal of a user who never completed registration, as the licence decider records it. */
const withdrawn = (email: string, at: string): LicenceEvent => {
  const removal = userRemoved(email, at);
  return { ...removal, data: { ...removal.data, invitationWithdrawn: true } } as LicenceEvent;
};

/**
 * Withdrawing a pending invitation (customer findings 2, F12): the invitee never could open cases and
 * has none, so they are told the invitation was withdrawn and by whom, not that "your existing
 * cases" stay theirs.
 */
describe('renderNotification: a pending invitation withdrawn', () => {
  let fixture: OutboxFixture;

  beforeAll(async () => {
    fixture = new OutboxFixture();
    await fixture.start();
    await fixture.appendLicence([licenceIssued(), userInvited(LEE, '2026-03-02T09:00:00.000Z')], HOLDER);
    await fixture.appendLicence([withdrawn(LEE, '2026-03-03T09:00:00.000Z')], HOLDER);
  });
  afterAll(() => fixture.close());

  it('tells the invitee their invitation was withdrawn, by whom, and nothing of cases', async () => {
    const rows = (
      await fixture.readModels.find<LicenceChangeNotification>(NOTIFICATION_OUTBOX, {
        where: { kind: 'licence-change' },
      })
    ).items.filter((row) => row.change.type === 'LicensedUserRemoved');
    const toLee = rows.find((row) => row.reasons.includes('licensed-user'));
    expect(toLee).toBeDefined();
    const { subject, text } = renderNotification(toLee!, { publicUrl: 'https://x' });
    expect(subject).toBe(
      '[Casetrail] Your invitation to Sitefinity CMS (Online Marketing License) was withdrawn',
    );
    expect(text).toContain(
      'Hannah Holder <holder@acme.example> withdrew your invitation to Sitefinity CMS (Online Marketing License)',
    );
    expect(text).not.toMatch(/cases|removed/i);
  });
});
