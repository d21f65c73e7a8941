import { openSqliteEventStore, type SqliteEventStore } from '@casetrail/eventstore';
import {
  openSqliteReadModelStore,
  ProjectionRunner,
  type ReadModelStore,
  type SqliteReadModelStore,
} from '@casetrail/readmodels';
import { licencesProjection } from '@casetrail/readmodels/licences/licences.projection';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionCatchUp } from '../projections/projection-catch-up';
import { LicenceDirectory } from './licence-directory';

const metadata = { actor: 'test', correlationId: 'c', schemaVersion: 1 };

function licenceIssued(licenceId: string, accountId: string, plan = 'standard') {
  return {
    type: 'LicenceIssued',
    data: {
      licenceId,
      accountId,
      product: 'Sitefinity CMS',
      edition: 'Online Marketing License',
      plan,
      activeUntil: '2027-12-31',
      expiresAt: '2028-01-01T12:00:00.000Z',
      seats: 'unlimited',
      holderEmail: 'holder@acme.example',
      at: '2026-03-01T00:00:00.000Z',
    },
    metadata,
  };
}

/** An event the licences projection does not handle, as opening a case appends. */
const unrelated = { type: 'CaseOpened', data: { caseId: 'x' }, metadata };

describe("the licence directory's account licences", () => {
  let dir: string;
  let events: SqliteEventStore;
  let readModels: SqliteReadModelStore;
  let runner: ProjectionRunner;
  let directory: LicenceDirectory;
  let finds: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-licence-directory-'));
    events = openSqliteEventStore(join(dir, 'events.sqlite'));
    readModels = openSqliteReadModelStore(join(dir, 'readmodels.sqlite'));
    runner = new ProjectionRunner({
      eventStore: events,
      readModels,
      projections: [licencesProjection],
      pollIntervalMs: 5,
    });
    await runner.start();
    const countingReadModels = new Proxy(readModels, {
      get(target, property, receiver) {
        if (property === 'find') finds++;
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as ReadModelStore;
    const catchUp = new ProjectionCatchUp(
      runner,
      events,
      readModels,
      new Map([['licences', licencesProjection.handles!]]),
    );
    directory = new LicenceDirectory(countingReadModels, catchUp);
    finds = 0;
  });

  afterEach(async () => {
    await runner.stop();
    await readModels.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ids = async (accountId: string) =>
    (await directory.issuedForAccount(accountId)).map((licence) => licence.id).sort();

  it('is read once and kept while only other events are appended', async () => {
    await events.append('licence-l1', [licenceIssued('l1', 'acme')], 'no-stream');
    expect(await ids('acme')).toEqual(['l1']);

    for (let index = 0; index < 5; index++) {
      await events.append(`case-${index}`, [unrelated], 'no-stream');
      expect(await ids('acme')).toEqual(['l1']);
    }
    expect(finds).toBe(1);
  });

  it('is read again once a licence event is appended, and shows it at once', async () => {
    await events.append('licence-l1', [licenceIssued('l1', 'acme')], 'no-stream');
    expect(await ids('acme')).toEqual(['l1']);
    // Issued just before the next case is opened: it must count for that case.
    await events.append('licence-l2', [licenceIssued('l2', 'acme', 'mission-critical')], 'no-stream');

    expect(await ids('acme')).toEqual(['l1', 'l2']);
    expect(finds).toBe(2);
  });

  it('sees licences appended by another process on the same file', async () => {
    await events.append('licence-l1', [licenceIssued('l1', 'acme')], 'no-stream');
    expect(await ids('acme')).toEqual(['l1']);
    const other = openSqliteEventStore(join(dir, 'events.sqlite'), { sameFileWake: false });
    try {
      await other.append('licence-l3', [licenceIssued('l3', 'acme')], 'no-stream');
    } finally {
      await other.close();
    }

    expect(await ids('acme')).toEqual(['l1', 'l3']);
  });

  it('keeps each account apart', async () => {
    await events.append('licence-l1', [licenceIssued('l1', 'acme')], 'no-stream');
    await events.append('licence-l2', [licenceIssued('l2', 'globex')], 'no-stream');

    expect(await ids('acme')).toEqual(['l1']);
    expect(await ids('globex')).toEqual(['l2']);
    expect(await ids('initech')).toEqual([]);
  });
});
