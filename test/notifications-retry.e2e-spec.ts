import * as fs from 'node:fs';
import * as path from 'node:path';
import { simpleParser } from 'mailparser';
import {
  NOTIFICATION_DELIVERIES,
  type DeliveryRecord,
} from '../apps/api/src/notifications/delivery/delivery-record';
import { deadLetters } from '../apps/api/src/notifications/delivery/delivery-summary';
import { untilAllDelivered } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { startTestApp, type TestApp } from './support/test-app';

/** The holder of the NotificationWorld's licence, mailed when it is issued. */
const HOLDER = 'boss@acme.example';

/** Sets these environment variables for the enclosing describe block (read when its app starts), then restores them. */
function withEnv(variables: Record<string, string>) {
  const saved = { ...process.env };
  beforeAll(() => void Object.assign(process.env, variables));
  afterAll(() => void (process.env = saved));
}

/** /health as an admin sees it: the notification counts and reasons are an operator's details. */
async function adminHealth(t: TestApp) {
  const admin = await t.token(PEOPLE.admin.email, ['admin']);
  return t.app.inject({ method: 'GET', url: '/health', headers: { authorization: `Bearer ${admin}` } });
}

async function deliveries(t: TestApp): Promise<DeliveryRecord[]> {
  return (await t.runtime.storage.readModels.find<DeliveryRecord>(NOTIFICATION_DELIVERIES)).items;
}

describe('notification delivery when the SMTP server refuses at first', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('mission-critical', (setting) => ({ smtp, t, world } = setting), {
    env: { NOTIFY_RETRY_BASE_MS: '1000', NOTIFY_MAX_ATTEMPTS: '8' },
    smtp: { refuseFirst: 3 },
  });

  it('delivers every notification after retries with backoff, none of them twice', async () => {
    await world.openCase();
    // Backoff runs on the application clock: move it on while waiting, so retries come due.
    await untilAllDelivered(t.runtime.storage, { whileWaiting: () => t.clock.advance(250) });

    expect(smtp.refusals).toBe(3);
    // The licence's issue to its holder, Jane's invitation to it and the holder's word that she
    // completed her registration (setUp), then the case opening for the team and the CSM.
    expect(smtp.received.map((mail) => mail.envelopeTo[0]).sort()).toEqual([
      HOLDER,
      HOLDER,
      PEOPLE.csm.email,
      PEOPLE.opener.email,
      PEOPLE.teamMember.email,
    ]);
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(5);

    const records = await deliveries(t);
    expect(records.every((record) => record.status === 'sent')).toBe(true);
    expect(records.reduce((sum, record) => sum + record.attempts, 0)).toBe(5 + 3);
    for (const record of records) {
      expect(record.history.at(-1)?.outcome).toBe('sent');
      expect(
        record.history
          .filter((attempt) => attempt.outcome === 'failed')
          .every((attempt) => attempt.error?.startsWith('451')),
      ).toBe(true);
    }
    const health = await adminHealth(t);
    expect(health.json().notifications).toMatchObject({ pending: 0, sent: 5, dead: 0 });
  });
});

describe('notification delivery when the SMTP server never accepts', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('mission-critical', (setting) => ({ smtp, t, world } = setting), {
    env: { NOTIFY_RETRY_BASE_MS: '1000', NOTIFY_MAX_ATTEMPTS: '3' },
    smtp: { refuseFirst: Number.MAX_SAFE_INTEGER },
  });

  it('gives up after the configured attempts and lists the notifications as dead letters', async () => {
    const caseId = await world.openCase();
    await untilAllDelivered(t.runtime.storage, { whileWaiting: () => t.clock.advance(250) });

    expect(smtp.received).toEqual([]);
    // The licence's issue to its holder, Jane's invitation to it and the holder's word that she
    // completed her registration (setUp), then the case opening for the team and the CSM.
    expect(smtp.refusals).toBe(5 * 3);
    const dead = await deadLetters(t.runtime.storage.readModels);
    expect(dead.map((letter) => letter.recipient).sort()).toEqual([
      HOLDER,
      HOLDER,
      PEOPLE.csm.email,
      PEOPLE.opener.email,
      PEOPLE.teamMember.email,
    ]);
    const toTom = dead.find((letter) => letter.recipient === PEOPLE.teamMember.email)!;
    expect(toTom).toMatchObject({ caseId, attempts: 3, kind: 'case-opened' });
    expect(toTom.lastError).toMatch(/^451/);
    expect(dead.find((letter) => letter.recipient === PEOPLE.opener.email)).toMatchObject({
      caseId: null,
      licenceId: world.licenceId,
      attempts: 3,
      kind: 'invitation',
    });
    const health = await adminHealth(t);
    expect(health.json().notifications).toMatchObject({ pending: 0, sent: 0, dead: 5 });
    // Nobody sends a dead letter again unless an operator requeues it: someone must look.
    expect(health.statusCode).toBe(200);
    expect(health.json().status).toBe('degraded');
    expect(health.json().reasons).toEqual([
      expect.stringMatching(/^notifications: 5 dead letters in the last 24 hours: .*--dead/),
    ]);
  });
});

describe('notification delivery without SMTP (the embedded default)', () => {
  withEnv({ NOTIFY_POLL_MS: '20' });
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t.close());

  it('writes each notification as DATA_DIR/outbox/<message-id>.eml', async () => {
    const world = await new NotificationWorld(t).setUp('mission-critical');
    const caseId = await world.openCase('Publishing is slow');
    await untilAllDelivered(t.runtime.storage);

    const outbox = path.join(t.dataDir, 'outbox');
    const files = fs.readdirSync(outbox).sort();
    // The licence's issue to its holder, Jane's invitation to it and the holder's word that she
    // completed her registration (setUp), then the case opening for the team and the CSM.
    expect(files).toHaveLength(5);
    const parsed = await Promise.all(
      files.map((file) => simpleParser(fs.readFileSync(path.join(outbox, file)))),
    );
    const addressee = (mail: (typeof parsed)[number]) => [mail.to].flat()[0]!.value[0].address;
    for (const [index, mail] of parsed.entries()) {
      expect(`${mail.messageId!.slice(1, -1)}.eml`).toBe(files[index]);
    }
    const invitations = parsed.filter((mail) => mail.subject?.startsWith('[Casetrail] You are invited'));
    expect(invitations.map(addressee)).toEqual([PEOPLE.opener.email]);
    const issues = parsed.filter((mail) => mail.subject?.startsWith('[Casetrail] Your licence for'));
    expect(issues.map(addressee)).toEqual([HOLDER]);
    const registrations = parsed.filter((mail) =>
      / completed their registration on /.test(mail.subject ?? ''),
    );
    expect(registrations.map(addressee)).toEqual([HOLDER]);
    const licenceMails = [...invitations, ...issues, ...registrations];
    const caseMails = parsed.filter((mail) => !licenceMails.includes(mail));
    for (const mail of caseMails) {
      expect(mail.subject).toMatch(/Publishing is slow: New case opened$/);
      expect(mail.inReplyTo).toBe(`<case-${caseId}@casetrail>`);
    }
    expect(caseMails.map(addressee).sort()).toEqual([PEOPLE.csm.email, PEOPLE.teamMember.email]);
  });
});
