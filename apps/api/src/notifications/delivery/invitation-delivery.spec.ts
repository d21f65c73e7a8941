import type { AccountEvent } from '@casetrail/domain';
import {
  licenceIssued,
  userInvited,
  userRegistered,
} from '@casetrail/domain/licences/testing/licence-events';
import { NOTIFICATIONS_OUTBOX_PROJECTION } from '@casetrail/readmodels/notifications';
import { MailDeliveryError } from '../mail/mail-transport';
import { ManualClock, OutboxFixture, RecordingTransport } from '../testing/outbox-fixture';
import { NOTIFICATION_DELIVERIES, type DeliveryRecord } from './delivery-record';
import { deadLetters } from './delivery-summary';
import { DeliveryWorker } from './delivery-worker';
import { TEST_DELIVERY_SETTINGS } from '../testing/delivery-test-settings';

const settings = TEST_DELIVERY_SETTINGS;
const HOLDER = { email: 'holder@acme.example', name: 'Hannah Holder' };

/** The licence's account (acc-acme) has a case team and a CSM: none of them hears of an invitation. */
const ACCOUNT: AccountEvent[] = [
  {
    type: 'AccountRegistered',
    data: { accountId: 'acc-acme', name: 'Acme', timeZone: null, at: '2026-03-01T00:00:00.000Z' },
  },
  {
    type: 'CaseTeamMemberAdded',
    data: {
      accountId: 'acc-acme',
      email: 'tom@acme.example',
      name: 'Tom',
      notify: true,
      at: '2026-03-01T00:00:00.000Z',
    },
  },
  {
    type: 'CustomerSuccessManagerAssigned',
    data: {
      accountId: 'acc-acme',
      email: 'carla@vendor.example',
      previousEmail: null,
      at: '2026-03-01T00:00:00.000Z',
    },
  },
];

describe('invitation delivery: outbox writer, delivery worker, mail', () => {
  let fixture: OutboxFixture;
  let transport: RecordingTransport;
  let clock: ManualClock;
  let worker: DeliveryWorker;

  beforeEach(async () => {
    fixture = new OutboxFixture();
    await fixture.start();
    await fixture.appendAccount(...ACCOUNT);
    transport = new RecordingTransport();
    clock = new ManualClock();
    worker = new DeliveryWorker({
      readModels: fixture.readModels,
      transport,
      clock,
      settings,
      workerId: 'worker-1',
    });
  });

  afterEach(async () => {
    await worker.stop();
    await fixture.close();
  });

  /** The licence issued and its holder's mail sent (test/notifications-licence-issued.e2e-spec.ts), so what follows is the invitation's. */
  async function issueLicence(): Promise<void> {
    await fixture.appendLicence([licenceIssued()], { email: 'adam.admin@vendor.example' });
    expect(await worker.runOnce()).toMatchObject({ adopted: 1, sent: 1 });
    expect(transport.sent.map((mail) => mail.to)).toEqual([{ address: 'holder@acme.example' }]);
    transport.sent.length = 0;
  }

  it('sends the invitee exactly one email, and on their registration the holder one', async () => {
    await issueLicence();
    const [, invited] = await fixture.appendLicence(
      [userInvited('sam@acme.example', '2026-03-05T10:00:00.000Z')],
      HOLDER,
    );
    expect(await worker.runOnce()).toEqual({ adopted: 1, sent: 1, failed: 0, dead: 0, withheld: 0 });
    expect(transport.sent).toHaveLength(1);
    const [mail] = transport.sent;
    expect(mail.to).toEqual({ address: 'sam@acme.example', name: 'F L' });
    expect(mail.subject).toBe(
      '[Casetrail] You are invited to Sitefinity CMS (Online Marketing License): complete your registration',
    );
    expect(mail.text).toContain(
      'POST https://support.example/v1/licences/lic-1/users/sam@acme.example/activation',
    );
    expect(mail.messageId).toMatch(new RegExp(`^<${invited.id}\\.[0-9a-f]{16}@casetrail>$`));
    expect(mail.threadId).toBe('<licence-lic-1@casetrail>');
    expect(mail.date.toISOString()).toBe('2026-03-05T10:00:00.000Z');

    // Registration completes: the holder alone is told, and the invitation is not sent again.
    await fixture.appendLicence([userRegistered('sam@acme.example', '2026-03-05T11:00:00.000Z')], {
      email: 'sam@acme.example',
    });
    expect(await worker.runOnce()).toEqual({ adopted: 1, sent: 1, failed: 0, dead: 0, withheld: 0 });
    expect(transport.sent.map((sent) => [sent.to.address, sent.subject])).toEqual([
      ['sam@acme.example', mail.subject],
      [
        HOLDER.email,
        '[Casetrail] sam@acme.example completed their registration on Sitefinity CMS (Online Marketing License)',
      ],
    ]);
  });

  it('keeps the licence on the delivery record, and says so in a dead letter', async () => {
    await issueLicence();
    await fixture.appendLicence([userInvited('sam@acme.example', '2026-03-05T10:00:00.000Z')], HOLDER);
    transport.failNext(1, () => new MailDeliveryError('550 no such user', true, 550));
    expect(await worker.runOnce()).toMatchObject({ dead: 1 });
    const { items } = await fixture.readModels.find<DeliveryRecord>(NOTIFICATION_DELIVERIES, {
      where: { recipient: 'sam@acme.example' },
    });
    expect(items).toEqual([expect.objectContaining({ caseId: null, licenceId: 'lic-1', status: 'dead' })]);
    expect(await deadLetters(fixture.readModels)).toEqual([
      expect.objectContaining({
        recipient: 'sam@acme.example',
        caseId: null,
        licenceId: 'lic-1',
        kind: 'invitation',
        subject:
          '[Casetrail] You are invited to Sitefinity CMS (Online Marketing License): complete your registration',
      }),
    ]);
  });

  it('sends no invitation again after the outbox is rebuilt', async () => {
    await issueLicence();
    await fixture.appendLicence([userInvited('sam@acme.example', '2026-03-05T10:00:00.000Z')], HOLDER);
    await worker.runOnce();
    await fixture.runner.rebuild(NOTIFICATIONS_OUTBOX_PROJECTION);
    expect(await worker.runOnce()).toEqual({ adopted: 0, sent: 0, failed: 0, dead: 0, withheld: 0 });
    expect(transport.sent).toHaveLength(1);
  });
});
