import { Logger } from '@nestjs/common';
import { SqliteReadModelStore } from '@casetrail/readmodels';
import { LICENCES, licencesProjection } from '@casetrail/readmodels/licences/licences.projection';
import { MAX_EVENTS_AHEAD_OF_READ_MODELS } from '../commands/command-gateway';
import type { DecisionRunner } from '../commands/decision-runner';
import { LicenceLapses } from './licence-lapses';

const NOW = new Date('2027-01-02T00:00:00.000Z');
const LATER = new Date('2027-01-02T00:00:01.000Z');

/**
 * The lapse process's rounds over the licences read model: which licences' streams it asks, and when
 * it asks again. What each stream decides is the domain's (licence-lapse.spec.ts); here the runner
 * stands in and says how many events it appended.
 */
describe('LicenceLapses', () => {
  let readModels: SqliteReadModelStore;
  let position: number;
  let head: number;
  let decide: jest.Mock<Promise<number>, [string]>;
  let lapses: LicenceLapses;

  const asked = () => decide.mock.calls.map(([stream]) => stream);

  async function licences(...rows: { id: string; expiresAt: string }[]): Promise<void> {
    position += 1;
    head = Math.max(head, position);
    await readModels.applyBatch(licencesProjection.name, [{ position }], (_, tx) => {
      for (const row of rows)
        tx.put(LICENCES, row.id, {
          ...row,
          accountId: 'acc',
          holderEmail: 'h@acme.example',
          plan: 'standard',
        });
    });
  }

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(async () => {
    readModels = new SqliteReadModelStore(':memory:');
    await readModels.ensureCollections(licencesProjection.collections);
    position = 0;
    head = 0;
    decide = jest.fn(async (_stream: string) => 1);
    const runner = {
      run: async ({ stream }: { stream: string }) => ({
        events: Array.from({ length: await decide(stream) }),
      }),
    } as unknown as DecisionRunner;
    lapses = new LicenceLapses(
      readModels,
      { headPosition: async () => head, readStream: async () => [] },
      runner,
    );
  });

  afterEach(() => readModels.close());

  it('asks, on its first round, every licence past its end, earliest first, and none still in force', async () => {
    await licences(
      { id: 'b', expiresAt: '2027-01-01T12:00:00.000Z' },
      { id: 'a', expiresAt: '2020-05-01T12:00:00.000Z' },
      { id: 'c', expiresAt: '2027-01-02T00:00:00.001Z' },
    );
    const report = await lapses.run(NOW);
    expect(asked()).toEqual(['licence-a', 'licence-b']);
    expect(report).toEqual({ looked: 2, recorded: 2 });
  });

  it('does not ask again about an end it asked about, and asks about a new end of the same licence', async () => {
    await licences({ id: 'a', expiresAt: '2027-01-01T12:00:00.000Z' });
    await lapses.run(NOW);
    expect(await lapses.run(LATER)).toEqual({ looked: 0, recorded: 0 });
    // Renewed, then past that end too.
    await licences({ id: 'a', expiresAt: '2027-01-02T00:00:00.500Z' });
    await lapses.run(LATER);
    expect(asked()).toEqual(['licence-a', 'licence-a']);
  });

  it('asks again, next round, about a licence whose lapse could not be recorded (a store failure)', async () => {
    await licences({ id: 'a', expiresAt: '2027-01-01T12:00:00.000Z' });
    decide.mockRejectedValueOnce(new Error('database is locked'));
    expect(await lapses.run(NOW)).toEqual({ looked: 1, recorded: 0 });
    expect(await lapses.run(LATER)).toEqual({ looked: 1, recorded: 1 });
  });

  it('moves on past a licence whose lapse keeps failing (a damaged stream), asking only it again by id', async () => {
    await licences(
      { id: 'damaged', expiresAt: '2020-05-01T12:00:00.000Z' },
      { id: 'old', expiresAt: '2021-05-01T12:00:00.000Z' },
    );
    decide.mockImplementation(async (stream) => {
      if (stream === 'licence-damaged') throw new Error('storage-inconsistent');
      return 1;
    });
    await lapses.run(NOW);
    const readsOfLicences = jest.spyOn(readModels, 'find');
    decide.mockClear();
    // The window moved on: the ends long past are not paged through again, and the failed one is retried.
    expect(await lapses.run(LATER)).toEqual({ looked: 1, recorded: 0 });
    expect(asked()).toEqual(['licence-damaged']);
    expect(readsOfLicences.mock.calls.map(([, query]) => query?.where)).toEqual([
      { expiresAt: { gt: '2027-01-01T23:55:00.000Z', lte: LATER.toISOString() } },
    ]);
    decide.mockResolvedValue(1);
    expect(await lapses.run(new Date('2027-01-02T00:00:02.000Z'))).toEqual({ looked: 1, recorded: 1 });
    expect(await lapses.run(new Date('2027-01-02T00:00:03.000Z'))).toEqual({ looked: 0, recorded: 0 });
  });

  it('after forget (another process held the lease meanwhile), asks every licence past its end again', async () => {
    await licences({ id: 'a', expiresAt: '2020-05-01T12:00:00.000Z' });
    await lapses.run(NOW);
    lapses.forget();
    decide.mockResolvedValue(0);
    expect(await lapses.run(LATER)).toEqual({ looked: 1, recorded: 0 });
  });

  it('waits while the licences read model catches up, then asks about every end it then shows', async () => {
    head = MAX_EVENTS_AHEAD_OF_READ_MODELS + 1;
    expect(await lapses.run(NOW)).toEqual({
      looked: 0,
      recorded: 0,
      waitingForLicencesBehindBy: MAX_EVENTS_AHEAD_OF_READ_MODELS + 1,
    });
    position = MAX_EVENTS_AHEAD_OF_READ_MODELS;
    await licences({ id: 'a', expiresAt: '2020-05-01T12:00:00.000Z' });
    expect(await lapses.run(LATER)).toEqual({ looked: 1, recorded: 1 });
  });
});
