import { NOTIFICATION_OUTBOX, type LicenceChangeNotification } from '@casetrail/readmodels/notifications';
import { renderNotification } from '../templates/render-notification';
import type { OutboxFixture } from './outbox-fixture';

/** The licence-change mails the outbox writer queued, in the order it wrote them; of one change type if given. */
export async function licenceChangeRows(
  fixture: OutboxFixture,
  changeType?: string,
): Promise<LicenceChangeNotification[]> {
  const { items } = await fixture.readModels.find<LicenceChangeNotification>(NOTIFICATION_OUTBOX, {
    where: { kind: 'licence-change' },
    orderBy: [{ field: 'position', direction: 'asc' }],
  });
  return changeType === undefined ? items : items.filter((row) => row.change.type === changeType);
}

/** A licence-change mail as it is sent, with a short public URL so the expected request lines stay readable. */
export const renderLicenceChange = (row: LicenceChangeNotification) =>
  renderNotification(row, { publicUrl: 'https://x' });

/** The licence's holder and a vendor admin, the people every licence-change mail spec has. */
export const HOLDER = { email: 'holder@acme.example', name: 'Hannah Holder' };
export const ADMIN = { email: 'adam@vendor.example', roles: ['admin'] };
