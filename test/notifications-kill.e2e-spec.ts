import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteReadModelStore, type ReadModelStore } from '@casetrail/readmodels';
import {
  NOTIFICATION_DELIVERIES,
  type DeliveryRecord,
} from '../apps/api/src/notifications/delivery/delivery-record';
import { eventually } from './support/projector-fixture';
import { ProjectorOutput } from './support/projector-output';
import { writePendingNotifications } from './support/notifications/pending-notifications';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { spawnTs } from './support/spawn-ts';

const CHILD = 'test/support/notifications/delivery-child.ts';

describe('notification delivery survives kill -9', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'casetrail-notify-kill-'));
  let smtp: TestSmtpServer | undefined;
  let readModels: ReadModelStore | undefined;
  const children: ProjectorOutput[] = [];

  afterAll(async () => {
    for (const child of children) child.child.kill('SIGKILL');
    await Promise.all(children.map((child) => child.exited));
    await readModels?.close();
    await smtp?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const spawnWorker = (workerId: string, smtpUrl: string) => {
    const output = new ProjectorOutput(
      spawnTs(CHILD, ['--data-dir', dataDir, '--smtp-url', smtpUrl, '--worker-id', workerId]),
    );
    children.push(output);
    return output;
  };

  it('delivers every notification after a SIGKILL mid-sending; a message sent twice keeps its Message-ID', async () => {
    // Twelve case-team members hear of the opening; they and Alice hear of each of four replies.
    const outbox = await writePendingNotifications(dataDir, { teamSize: 12, replies: 4, supportTeam: [] });
    const total = outbox.length;
    expect(total).toBe(12 + 4 * 13);

    // The server kills the first worker the moment it has received a third of the messages,
    // before answering "250 OK": the worker never learns that this message arrived.
    const killAfter = Math.floor(total / 3);
    const victim: { worker?: ProjectorOutput } = {};
    smtp = await TestSmtpServer.start({
      beforeReply: async () => {
        if (victim.worker && smtp!.received.length === killAfter) {
          victim.worker.child.kill('SIGKILL');
          await victim.worker.exited;
        }
      },
    });
    const first = (victim.worker = spawnWorker('worker-1', smtp.url));
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(smtp.received).toHaveLength(killAfter);

    readModels = openSqliteReadModelStore(join(dataDir, 'readmodels.sqlite'));
    const sentBeforeRestart = await readModels.count(NOTIFICATION_DELIVERIES, { status: 'sent' });
    expect(sentBeforeRestart).toBeLessThan(killAfter);

    const second = spawnWorker('worker-2', smtp.url);
    await second.waitFor((line) => line.message === 'started');
    await eventually(
      async () => (await readModels!.count(NOTIFICATION_DELIVERIES, { status: 'sent' })) === total,
    );

    // Every notification arrived, under the Message-ID the outbox gave it, and no other.
    const expectedIds = new Set(outbox.map((row) => row.messageId));
    const receivedIds = smtp.received.map((mail) => mail.messageId);
    expect(new Set(receivedIds)).toEqual(expectedIds);
    for (const mail of smtp.received) {
      const row = outbox.find((candidate) => candidate.messageId === mail.messageId)!;
      expect(mail.envelopeTo).toEqual([row.recipient]);
    }

    // Repeats: messages the server received more than once. Each is a send whose outcome the
    // killed worker never recorded, visible as an interrupted attempt in the delivery history.
    const repeats = receivedIds.length - expectedIds.size;
    const { items } = await readModels.find<DeliveryRecord>(NOTIFICATION_DELIVERIES);
    const interrupted = items.filter((record) =>
      record.history.some((attempt) => attempt.outcome === 'interrupted'),
    );
    expect(repeats).toBeGreaterThanOrEqual(1);
    expect(repeats).toBeLessThanOrEqual(interrupted.length);
    console.log(
      `SIGKILL during delivery: ${total} notifications, all delivered; ${repeats} sent twice, each with the same Message-ID`,
    );

    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });
});
