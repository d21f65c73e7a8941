import { DEFAULT_SUPPORT_POLICY, type SupportPolicy } from '@casetrail/domain';
import { openSqliteEventStore, type SqliteEventStore } from '@casetrail/eventstore';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPolicyVersions } from './open-policy-versions';
import { POLICY_ARCHIVE_STREAM } from './policy-archive-stream';

const v1: SupportPolicy = { ...DEFAULT_SUPPORT_POLICY, version: 'v1' };
const v2: SupportPolicy = {
  ...DEFAULT_SUPPORT_POLICY,
  version: 'v2',
  calendar: { workingHours: { monday: ['10:00-12:00'] } },
};

describe('openPolicyVersions: the API and the projector as two processes on one event store', () => {
  let dir: string;
  let api: SqliteEventStore;
  let projector: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-policy-archive-'));
    api = openSqliteEventStore(join(dir, 'events.sqlite'));
    projector = openSqliteEventStore(join(dir, 'events.sqlite'), { sameFileWake: false });
  });

  afterEach(async () => {
    await api.close();
    await projector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Given both start on the same version at once, Then it is recorded once', async () => {
    await Promise.all([
      openPolicyVersions(api, v1, new Date()),
      openPolicyVersions(projector, v1, new Date()),
    ]);
    const archive = await api.readStream(POLICY_ARCHIVE_STREAM);
    expect(archive.map((event) => (event.data as { version: string }).version)).toEqual(['v1']);
  });

  it('Given the other process started later on a new version, When a target of that version is read, Then it follows the policy in force until the archive is read again, then its own', async () => {
    const versions = await openPolicyVersions(api, v1, new Date());
    await openPolicyVersions(projector, v2, new Date());
    expect(versions.policyOf('v2')).toBe(v1);
    for (const deadline = Date.now() + 5_000; !versions.has('v2') && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(versions.policyOf('v2').calendar).toEqual(v2.calendar);
  });
});
