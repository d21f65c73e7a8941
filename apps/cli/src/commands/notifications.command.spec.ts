import { Command } from 'commander';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '@casetrail/eventstore';
import { formatNotificationReport, registerNotificationsCommands } from './notifications.command';

/** Runs `casetrail notifications <args>` in this process with these variables set, and nothing else. */
async function notifications(env: Record<string, string>, ...args: string[]): Promise<void> {
  const saved = { ...process.env };
  for (const name of ['DATA_DIR', 'EVENTSTORE_URL', 'MONGODB_URL', 'AUTH_JWT_SECRET'])
    delete process.env[name];
  Object.assign(process.env, env);
  try {
    const program = new Command().exitOverride();
    registerNotificationsCommands(program);
    await program.parseAsync(['notifications', ...args], { from: 'user' });
  } finally {
    process.env = saved;
  }
}

describe('casetrail notifications', () => {
  const summary = {
    pending: 2,
    unadopted: 1,
    sent: 40,
    dead: 1,
    lost: 0,
    interrupted: 1,
    outboxCheckpoint: 120,
    adoptedUpTo: 118,
    outboxLag: 3,
  };

  it('says how many wait to be tried again after failed attempts, while some do', () => {
    const report = formatNotificationReport({
      ...summary,
      retrying: { count: 2, mostAttempts: 4, lastError: '421 try later' },
    });
    expect(report.split('\n').slice(0, 2)).toEqual([
      'pending 2 (of which not yet taken up by the delivery worker: 1; interrupted by a crash: 1)',
      '  retrying after failed attempts: 2 (one after 4; last error: 421 try later)',
    ]);
  });

  it('prints the counts, the backlog the delivery worker and the outbox writer have not reached included', () => {
    expect(formatNotificationReport(summary)).toBe(
      [
        'pending 2 (of which not yet taken up by the delivery worker: 1; interrupted by a crash: 1)',
        'sent    40',
        'dead    1',
        'outbox writer at event position 120 (3 events behind the log); delivery records up to 118',
        '',
      ].join('\n'),
    );
  });

  it('lists dead letters with who, what, how often and why', () => {
    const report = formatNotificationReport(summary, [
      {
        id: 'e1|tom@acme.example',
        recipient: 'tom@acme.example',
        caseId: 'c1',
        subject: '[Casetrail #c1] Checkout fails: New comment',
        kind: 'case-updated',
        messageId: '<e1.abc@casetrail>',
        attempts: 8,
        lastError: '550 mailbox unavailable',
        deadAt: '2026-03-02T10:00:00.000Z',
      },
    ]);
    expect(report).toContain(
      'Dead letters (newest first):\n- e1|tom@acme.example\n  to tom@acme.example, case c1: [Casetrail #c1]',
    );
    expect(report).toContain('  8 attempt(s), given up 2026-03-02T10:00:00.000Z: 550 mailbox unavailable');
    expect(formatNotificationReport(summary, [])).toContain('No dead letters.');
  });

  it('says a withheld notification was kept from an assignee not vouched for, not that they are a customer', () => {
    const why =
      "not sent: dana@csm.example is the case's assignee but nothing vouches for them as staff at send time";
    const report = formatNotificationReport({ ...summary, withheld: 1 }, [
      {
        id: 'e7|dana@csm.example',
        recipient: 'dana@csm.example',
        caseId: 'c1',
        messageId: '<e7.abc@casetrail>',
        attempts: 0,
        lastError: why,
        deadAt: '2026-03-02T10:00:00.000Z',
        withheld: true,
      },
    ]);
    expect(report).toContain(
      "\nwithheld 1 (not sent to a case's assignee the records do not vouch for as staff who may see it: ",
    );
    expect(report).toContain(
      '- e7|dana@csm.example [withheld: the assignee is not vouched for as staff on the case]\n',
    );
    expect(report).toContain(`given up 2026-03-02T10:00:00.000Z: ${why}`);
    expect(report).not.toContain('the assignee is a customer');
    expect(report).not.toContain('assignee known as a customer:');
  });

  it('marks the notifications lost with a restored log, counted apart from the dead letters', () => {
    const report = formatNotificationReport({ ...summary, lost: 2 }, [
      {
        id: 'e9|tom@acme.example',
        recipient: 'tom@acme.example',
        caseId: 'c1',
        messageId: '<e9.abc@casetrail>',
        attempts: 1,
        lastError: 'its event is no longer in the event log (the log was restored from an older backup)',
        deadAt: '2026-03-02T10:00:00.000Z',
        lostWithRestoredLog: true,
      },
    ]);
    expect(report).toContain('\ndead    1\nlost    2 (lost with the restored log: ');
    expect(report).toContain(
      '- e9|tom@acme.example [lost with the restored log]\n  to tom@acme.example, case c1\n',
    );
    expect(report).toContain('  cannot be requeued: its event no longer exists\n');
  });
});

describe('casetrail notifications on a DATA_DIR without stores', () => {
  const parent = mkdtempSync(join(tmpdir(), 'casetrail-notifications-nowhere-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));
  const variants: [string, string[]][] = [
    ['counts', []],
    ['--dead', ['--dead']],
    ['--requeue', ['--requeue', 'e1|tom@acme.example']],
  ];

  it.each(variants)(
    'refuses one that does not exist, naming it, and does not create it (%s)',
    async (_, args) => {
      const missing = join(parent, 'typo');
      await expect(notifications({ DATA_DIR: missing }, ...args)).rejects.toThrow(
        `DATA_DIR ${missing} does not exist: there is no event store to read`,
      );
      expect(existsSync(missing)).toBe(false);
    },
  );

  it('refuses one without events.sqlite, and leaves it empty', async () => {
    const empty = mkdtempSync(join(parent, 'empty-'));
    await expect(notifications({ DATA_DIR: empty })).rejects.toThrow(
      `No event store at ${join(empty, 'events.sqlite')}: nothing to read`,
    );
    expect(readdirSync(empty)).toEqual([]);
  });

  it('with EVENTSTORE_URL alone, requires the read models DATA_DIR holds, before connecting', async () => {
    const missing = join(parent, 'typo');
    await expect(
      notifications({ DATA_DIR: missing, EVENTSTORE_URL: 'esdb://127.0.0.1:1?tls=false' }),
    ).rejects.toThrow(`DATA_DIR ${missing} does not exist: there are no read models to read`);
    const empty = mkdtempSync(join(parent, 'empty-'));
    await expect(
      notifications({ DATA_DIR: empty, EVENTSTORE_URL: 'esdb://127.0.0.1:1?tls=false' }),
    ).rejects.toThrow(`No read models at ${join(empty, 'readmodels.sqlite')}: nothing to read`);
    expect(readdirSync(empty)).toEqual([]);
  });
});

describe('casetrail notifications on a DATA_DIR with an event store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'casetrail-notifications-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reports, creating the read models beside the log but no token secret', async () => {
    await openSqliteEventStore(join(dataDir, 'events.sqlite')).close();
    const printed: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      await notifications({ DATA_DIR: dataDir });
    } finally {
      write.mockRestore();
    }
    expect(printed.join('')).toMatch(/^pending 0 /);
    expect(printed.join('')).toContain('\nsent    0\ndead    0\n');
    expect(readdirSync(dataDir)).not.toContain('auth-jwt-secret');
    expect(readdirSync(dataDir)).toContain('readmodels.sqlite');
  });
});
