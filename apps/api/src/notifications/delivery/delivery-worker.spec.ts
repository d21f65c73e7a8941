import { NOTIFICATIONS_OUTBOX_PROJECTION } from '@casetrail/readmodels/notifications';
import { MailDeliveryError } from '../mail/mail-transport';
import { ManualClock, OutboxFixture, RecordingTransport } from '../testing/outbox-fixture';
import { DeliveryJournal } from './delivery-journal';
import { NOTIFICATION_DELIVERIES, type DeliveryRecord } from './delivery-record';
import { deadLetters, notificationDeliverySummary } from './delivery-summary';
import { DeliveryWorker } from './delivery-worker';
import { adoptNewNotifications } from './outbox-adopter';
import { TEST_DELIVERY_SETTINGS } from '../testing/delivery-test-settings';

const settings = TEST_DELIVERY_SETTINGS;

describe('DeliveryWorker', () => {
  let fixture: OutboxFixture;
  let transport: RecordingTransport;
  let clock: ManualClock;
  let worker: DeliveryWorker;

  beforeEach(async () => {
    fixture = new OutboxFixture();
    await fixture.start();
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

  /** A second worker on the same stores, sending through `through` (a slow or hung server). */
  const secondWorker = (through: RecordingTransport) =>
    new DeliveryWorker({
      readModels: fixture.readModels,
      transport: through,
      clock,
      settings,
      workerId: 'worker-2',
    });

  /** The recipient's first notification (in event order, as the worker sends those due together). */
  const record = async (recipient: string) => {
    const { items } = await fixture.readModels.find<DeliveryRecord>(NOTIFICATION_DELIVERIES, {
      where: { recipient },
      orderBy: [{ field: 'position', direction: 'asc' }],
    });
    return items[0];
  };

  it('sends every notification once, with its stable Message-ID and the case thread', async () => {
    const [opened] = await fixture.openAndAnswerCase();
    expect(await worker.runOnce()).toEqual({ adopted: 7, sent: 7, failed: 0, dead: 0, withheld: 0 });
    expect(transport.sent.map((mail) => mail.to.address).sort()).toEqual([
      'alice@acme.example',
      'theo@acme.example',
      'theo@acme.example',
      'tina@acme.example',
      'tina@acme.example',
      'tom@acme.example',
      'tom@acme.example',
    ]);
    const toTom = transport.sent.find(
      (mail) => mail.to.address === 'tom@acme.example' && mail.subject.includes('New case'),
    )!;
    expect(toTom.messageId).toMatch(new RegExp(`^<${opened.id}\\.[0-9a-f]{16}@casetrail>$`));
    expect(toTom.threadId).toBe('<case-case-1@casetrail>');
    expect(toTom.text).toContain('https://support.example/#/cases/case-1');

    expect(await worker.runOnce()).toEqual({ adopted: 0, sent: 0, failed: 0, dead: 0, withheld: 0 });
    expect(transport.sent).toHaveLength(7);
    expect(await notificationDeliverySummary(fixture.readModels)).toMatchObject({
      pending: 0,
      sent: 7,
      dead: 0,
    });
  });

  it('retries a failed send with exponential backoff and records every attempt', async () => {
    await fixture.openAndAnswerCase();
    transport.failNext(2, undefined, 'alice@acme.example');
    expect(await worker.runOnce()).toMatchObject({ sent: 6, failed: 1 });
    expect(await record('alice@acme.example')).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: '421 try later',
      nextAttemptAt: '2026-03-02T09:00:01.000Z',
    });

    expect(await worker.runOnce()).toMatchObject({ sent: 0, failed: 0 });
    clock.advance(1_000);
    expect(await worker.runOnce()).toMatchObject({ failed: 1 });
    expect((await record('alice@acme.example')).nextAttemptAt).toBe('2026-03-02T09:00:03.000Z');
    clock.advance(1_999);
    expect(await worker.runOnce()).toMatchObject({ sent: 0 });
    clock.advance(1);
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });

    const alice = await record('alice@acme.example');
    expect(alice).toMatchObject({ status: 'sent', attempts: 3, sentAt: '2026-03-02T09:00:03.000Z' });
    expect(alice.history.map((attempt) => attempt.outcome)).toEqual(['failed', 'failed', 'sent']);
    expect(transport.sent.filter((mail) => mail.to.address === 'alice@acme.example')).toHaveLength(1);
  });

  it('dead-letters after the last allowed attempt, and at once on a permanent refusal', async () => {
    await fixture.openAndAnswerCase();
    transport.failNext(99, undefined, 'alice@acme.example');
    transport.failNext(1, () => new MailDeliveryError('550 no such user', true, 550), 'theo@acme.example');
    for (let round = 0; round < 6; round++) {
      await worker.runOnce();
      clock.advance(60_000);
    }
    expect(await record('alice@acme.example')).toMatchObject({
      status: 'dead',
      attempts: 4,
      lastError: '421 try later',
    });
    expect(await record('theo@acme.example')).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastError: '550 no such user',
    });
    expect(await notificationDeliverySummary(fixture.readModels)).toMatchObject({
      pending: 0,
      sent: 5,
      dead: 2,
    });
    const dead = await deadLetters(fixture.readModels);
    expect(dead.map((letter) => letter.recipient).sort()).toEqual([
      'alice@acme.example',
      'theo@acme.example',
    ]);
    expect(dead[0].subject).toMatch(/^\[Casetrail #/);

    await new DeliveryJournal(fixture.readModels).requeue(dead[0].id, clock.now().toISOString());
    expect(await notificationDeliverySummary(fixture.readModels)).toMatchObject({ pending: 1, dead: 1 });
  });

  it('sends again, with the same Message-ID, a notification whose attempt was cut short by a crash', async () => {
    const [opened] = await fixture.openAndAnswerCase();
    const journal = new DeliveryJournal(fixture.readModels);
    await journal.ensureCollections();
    await adoptNewNotifications(fixture.readModels, journal, clock.now().toISOString(), 100);
    // A crash between "attempt started" and "outcome recorded" leaves the record in flight.
    const tomsId = `${opened.id}|tom@acme.example`;
    await journal.startAttempt(tomsId, clock.now().toISOString());
    expect(await notificationDeliverySummary(fixture.readModels)).toMatchObject({
      pending: 7,
      interrupted: 1,
    });

    expect(await worker.runOnce()).toMatchObject({ sent: 7 });
    const tom = await fixture.readModels.get<DeliveryRecord>(NOTIFICATION_DELIVERIES, tomsId);
    expect(tom).toMatchObject({ status: 'sent', attempts: 2, inFlightSince: null });
    expect(tom!.history.map((attempt) => attempt.outcome)).toEqual(['interrupted', 'sent']);
    expect(transport.sent.filter((mail) => mail.messageId === tom!.messageId)).toHaveLength(1);
  });

  it('sends nothing again after the outbox is rebuilt', async () => {
    await fixture.openAndAnswerCase();
    await worker.runOnce();
    await fixture.runner.rebuild(NOTIFICATIONS_OUTBOX_PROJECTION);
    expect(await worker.runOnce()).toEqual({ adopted: 0, sent: 0, failed: 0, dead: 0, withheld: 0 });
    await fixture.openAndAnswerCase('case-2');
    expect(await worker.runOnce()).toMatchObject({ adopted: 7, sent: 7 });
    expect(new Set(transport.sent.map((mail) => mail.messageId)).size).toBe(14);
    expect(transport.sent).toHaveLength(14);
  });

  it('adopts whole events only, whatever the page size', async () => {
    await fixture.openAndAnswerCase();
    const journal = new DeliveryJournal(fixture.readModels);
    await journal.ensureCollections();
    const counts: number[] = [];
    for (
      let adopted;
      (adopted = await adoptNewNotifications(fixture.readModels, journal, clock.now().toISOString(), 2)) > 0;
    ) {
      counts.push(adopted);
    }
    // Three recipients of the opening (read whole though the page holds two), then four of the reply.
    expect(counts).toEqual([3, 4]);
    expect(await fixture.readModels.count(NOTIFICATION_DELIVERIES)).toBe(7);
  });

  it('starts without waiting for a backlog to be sent, and sends it in the background', async () => {
    await fixture.openAndAnswerCase();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = new RecordingTransport();
    const send = slow.send.bind(slow);
    slow.send = async (mail) => {
      await held;
      await send(mail);
    };
    const backgrounded = secondWorker(slow);
    // Resolves while the first mail of the backlog is still on its way (an API starts listening then).
    await backgrounded.start();
    expect(slow.sent).toHaveLength(0);
    release();
    for (const deadline = Date.now() + 5_000; slow.sent.length < 7 && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(slow.sent).toHaveLength(7);
    await backgrounded.stop();
  });

  it('adopts new outbox rows each poll interval while a long round sends a backlog, not only once it ends', async () => {
    await fixture.openAndAnswerCase();
    const journal = new DeliveryJournal(fixture.readModels);
    // A mail server slower than the poll interval (10 ms): the backlog's round outlasts many polls.
    const slow = new RecordingTransport();
    const send = slow.send.bind(slow);
    const adoptedUpToAtEachSend: number[] = [];
    slow.send = async (mail) => {
      adoptedUpToAtEachSend.push(await journal.cursorPosition());
      // A second case is opened while the first one's mails go out.
      if (slow.sent.length === 0) await fixture.openAndAnswerCase('case-2');
      await new Promise((resolve) => setTimeout(resolve, 20));
      await send(mail);
    };
    const busy = secondWorker(slow);

    const round = await busy.runOnce();
    // Taken up in the same round, after the first send, not left unadopted until the backlog was through.
    expect(round).toMatchObject({ adopted: 14 });
    expect(adoptedUpToAtEachSend[1]).toBeGreaterThan(adoptedUpToAtEachSend[0]);
    await busy.runOnce();
    const ids = slow.sent.map((mail) => `${mail.messageId} ${mail.to.address}`);
    expect(ids).toHaveLength(14);
    expect(new Set(ids).size).toBe(14);
    await busy.stop();
  });

  it('adopts new outbox rows while a send waits on a server that stopped answering, and sends them in the same round', async () => {
    await fixture.openAndAnswerCase();
    const journal = new DeliveryJournal(fixture.readModels);
    // The first send hangs (a server that took the connection, then went silent) until answered.
    const hung = new RecordingTransport();
    const send = hung.send.bind(hung);
    let sends = 0;
    let answer!: () => void;
    hung.send = async (mail) => {
      if (++sends === 1) await new Promise<void>((resolve) => (answer = resolve));
      await send(mail);
    };
    const busy = secondWorker(hung);
    const until = async (condition: () => Promise<boolean> | boolean) => {
      for (const deadline = Date.now() + 5_000; !(await condition());) {
        if (Date.now() > deadline) throw new Error('condition not met within 5 s');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    const round = busy.runOnce();
    await until(() => sends === 1);
    const adoptedBefore = await journal.cursorPosition();
    await fixture.openAndAnswerCase('case-2');
    await until(
      async () => (await fixture.readModels.count(NOTIFICATION_DELIVERIES, { caseId: 'case-2' })) === 7,
    );
    expect(await journal.cursorPosition()).toBeGreaterThan(adoptedBefore);
    expect({ sends, sent: hung.sent.length }).toEqual({ sends: 1, sent: 0 });

    answer();
    expect(await round).toMatchObject({ adopted: 14, sent: 14 });
    await busy.stop();
  });

  it('stands by while another worker holds the lease', async () => {
    await fixture.openAndAnswerCase();
    await fixture.readModels.tryAcquireLease('notifications:delivery', 'other-worker', 60_000);
    expect(await worker.runOnce()).toBeUndefined();
    await worker.start();
    expect(worker.currentState).toBe('standby');
    expect(transport.sent).toHaveLength(0);
  });

  it('keeps its lease through a send slower than the lease, so a standby never sends the same mail again', async () => {
    await fixture.openAndAnswerCase();
    const shortLease = { ...settings, leaseTtlMs: 90 };
    // An SMTP server that takes three leases' time to answer each message.
    const slowServer = new RecordingTransport();
    const send = slowServer.send.bind(slowServer);
    slowServer.send = async (mail) => {
      await new Promise((resolve) => setTimeout(resolve, 270));
      return send(mail);
    };
    const active = new DeliveryWorker({
      readModels: fixture.readModels,
      transport: slowServer,
      clock,
      settings: shortLease,
      workerId: 'active',
    });
    const standby = new DeliveryWorker({
      readModels: fixture.readModels,
      transport: slowServer,
      clock,
      settings: shortLease,
      workerId: 'standby',
    });
    const tries: (unknown | undefined)[] = [];
    const first = active.runOnce();
    const watching = setInterval(() => void standby.runOnce().then((round) => tries.push(round)), 30);
    await first;
    clearInterval(watching);
    await standby.stop();
    await active.stop();

    const ids = slowServer.sent.map((mail) => `${mail.messageId} ${mail.to.address}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(7);
    // The standby looked all along, and never got the lease.
    expect(tries.length).toBeGreaterThan(10);
    expect(tries.every((round) => round === undefined)).toBe(true);
  });
});
