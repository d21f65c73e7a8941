import { ProjectionRunner } from '@casetrail/readmodels';
import {
  NOTIFICATION_DELIVERIES,
  type DeliveryRecord,
} from '../apps/api/src/notifications/delivery/delivery-record';
import { untilAllDelivered } from './support/notifications/delivery-probe';
import { appendLegacyAssignment } from './support/notifications/legacy-assignment';
import { useMailedWorld } from './support/notifications/mailed-world';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';

/**
 * A colleague may assign a case only to someone the records vouch for as staff (README: an engineer
 * who has taken a case themselves before, the account's CSM, a staff email domain). An assignment
 * stored before that rule, to an outsider's address or to another account's CSM, stays in the
 * history and keeps the case theirs until someone reassigns it; it must not vouch for its own
 * assignee. Staff read on the detail that the assignee is not vouched for, the mail that would
 * reach that person only as the assignee (internal notes included) is held back, and colleagues
 * cannot assign them another case on the strength of it.
 */
describe('an assignee stored before the vouching rules, whom nothing vouches for', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('mission-critical', (setting) => ({ smtp, t, world } = setting));

  const OUTSIDER = 'otto@outsider.example';
  const OTHER_CSM = 'cora.csm@partner.example';
  const INTERNAL = 'Their export job double-bills; do not tell them yet';

  const legacyAssign = async (caseId: string, engineer: string) => {
    await appendLegacyAssignment(t, caseId, {
      engineer,
      by: PEOPLE.engineer.email,
      correlationId: `assigned-before-vouching-${engineer}`,
    });
    if (!(await t.app.get(ProjectionRunner).catchUp())) throw new Error('projections did not catch up');
  };
  const withheldFrom = async (email: string) =>
    (
      await t.runtime.storage.readModels.find<DeliveryRecord>(NOTIFICATION_DELIVERIES, {
        where: { status: 'withheld', recipient: email },
      })
    ).items;
  const mailTo = (email: string) => smtp.received.filter((mail) => mail.envelopeTo.includes(email));
  const assignAs = async (caseId: string, engineer: string) => {
    const token = await t.token(PEOPLE.engineer.email, ['engineer']);
    return t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/assignment`,
      headers: { authorization: `Bearer ${token}` },
      payload: { engineer },
    });
  };

  it('flags an outsider assignee to staff, holds back their assignee mail, and refuses them another case', async () => {
    const caseId = await world.openCase('Invoices doubled');
    await legacyAssign(caseId, OUTSIDER);

    const seen = await world.read('engineer', `/v1/cases/${caseId}`);
    expect(seen).toMatchObject({ assignee: OUTSIDER, assigneeVouched: false });
    expect(seen.assigneeNotVouchedReason).toContain('is vouched for as staff by nothing');
    expect(seen.assigneeNotVouchedReason).toContain('reassign the case to an engineer');
    // Customers read who the assignee is, never the staff's verdict on them.
    const byOpener = await world.read('opener', `/v1/cases/${caseId}`);
    expect(byOpener).not.toHaveProperty('assigneeVouched');
    expect(byOpener).not.toHaveProperty('assigneeNotVouchedReason');

    await world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, { body: INTERNAL, internal: true });
    await untilAllDelivered(t.runtime.storage);
    expect(mailTo(OUTSIDER)).toEqual([]);
    // Staff still hear of it: the account's CSM gets the internal note.
    expect(mailTo(PEOPLE.csm.email).some((mail) => mail.text.includes(INTERNAL))).toBe(true);
    const withheld = await withheldFrom(OUTSIDER);
    expect(withheld.length).toBeGreaterThan(0);
    for (const record of withheld) expect(record.lastError).toContain('nothing vouches for them as staff');

    // The old assignment vouches for nobody: a colleague is refused assigning them another case.
    const another = await world.openCase('Invoices doubled again');
    const refused = await assignAs(another, OUTSIDER);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([
      { field: 'engineer', message: expect.stringContaining(`nothing vouches for ${OUTSIDER}`) },
    ]);

    // Reassigned to an engineer who takes it themselves: vouched, and the history keeps Otto's turn.
    expect((await assignAs(caseId, PEOPLE.engineer.email)).statusCode).toBe(200);
    await untilAllDelivered(t.runtime.storage);
    expect(await world.read('engineer', `/v1/cases/${caseId}`)).toMatchObject({
      assignee: PEOPLE.engineer.email,
      assigneeVouched: true,
    });
    expect(mailTo(OUTSIDER)).toEqual([]);
    const history = await world.read('engineer', `/v1/cases/${caseId}/history`);
    expect(
      history.events.filter((entry: { type: string }) => entry.type === 'EngineerAssigned'),
    ).toHaveLength(2);
  });

  it("flags another account's CSM as the assignee, and holds back what they may not see", async () => {
    const globex = await world.call('admin', 'POST', '/v1/accounts', { name: 'Globex' });
    await world.call('admin', 'PUT', `/v1/accounts/${globex.id}/csm`, { email: OTHER_CSM });
    const caseId = await world.openCase('Search index stale');
    await legacyAssign(caseId, OTHER_CSM);

    const seen = await world.read('engineer', `/v1/cases/${caseId}`);
    expect(seen).toMatchObject({ assignee: OTHER_CSM, assigneeVouched: false });
    expect(seen.assigneeNotVouchedReason).toContain('is only the CSM of other accounts');

    await world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, { body: INTERNAL, internal: true });
    await untilAllDelivered(t.runtime.storage);
    expect(mailTo(OTHER_CSM)).toEqual([]);
    const withheld = await withheldFrom(OTHER_CSM);
    expect(withheld.length).toBeGreaterThan(0);
    for (const record of withheld) expect(record.lastError).toContain('only the CSM of other accounts');
  });
  it('records as withheld, saying why, the mail of a CSM assignee taken off the account since', async () => {
    const DANA = 'dana@csm.example';
    const caseId = await world.openCase('Reports time out');
    await world.call('admin', 'PUT', `/v1/accounts/${world.accountId}/csm`, { email: DANA });
    expect((await assignAs(caseId, DANA)).statusCode).toBe(200);
    await untilAllDelivered(t.runtime.storage);
    await world.call('admin', 'DELETE', `/v1/accounts/${world.accountId}/csm`);
    expect(await world.read('engineer', `/v1/cases/${caseId}`)).toMatchObject({
      assignee: DANA,
      assigneeVouched: false,
    });
    const mailedBefore = mailTo(DANA).length;

    await world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, { body: INTERNAL, internal: true });
    await world.call('opener', 'POST', `/v1/cases/${caseId}/comments`, { body: 'Still timing out' });
    await untilAllDelivered(t.runtime.storage);
    expect(mailTo(DANA)).toHaveLength(mailedBefore);
    const withheld = await withheldFrom(DANA);
    expect(withheld).toHaveLength(2);
    for (const record of withheld) {
      expect(record.lastError).toContain(`${DANA} is the case's assignee`);
      expect(record.lastError).toContain('was not the CSM of the case');
      expect(record.lastError).not.toContain('customer');
    }
  });
});
