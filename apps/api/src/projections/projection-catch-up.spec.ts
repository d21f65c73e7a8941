import { Logger } from '@nestjs/common';
import type { EventStore } from '@casetrail/eventstore';
import type { ProjectionRunner, ReadModelStore } from '@casetrail/readmodels';
import { ProjectionCatchUp } from './projection-catch-up';

describe('ProjectionCatchUp with a stalled projector', () => {
  beforeAll(() => Logger.overrideLogger(false));

  function catchUpOver(
    runner: Pick<ProjectionRunner, 'waitForPosition'>,
    // Stalled part way (not emptied by a rebuild): reads are answered as the read models are.
    readModels: Pick<ReadModelStore, 'getCheckpoint'> &
      Partial<Pick<ReadModelStore, 'getProjectionVersion'>> = {
      getCheckpoint: async () => 12,
    },
  ) {
    return new ProjectionCatchUp(
      runner as ProjectionRunner,
      {} as EventStore,
      readModels as ReadModelStore,
      new Map(),
      { timeoutMs: 5_000 },
    );
  }

  it('waits the whole timeout once per request: a second wait for no later position only looks', async () => {
    const waitForPosition = jest.fn(async (_position: number, _timeoutMs?: number) => false);
    const catchUp = catchUpOver({ waitForPosition });
    // The read's own wait, then its access check's, as a case detail makes them.
    expect(await catchUp.waitFor(13, ['accounts', 'licences', 'cases'])).toBe(false);
    expect(await catchUp.waitFor(13, ['cases'])).toBe(false);
    expect(waitForPosition.mock.calls.map(([, timeoutMs]) => timeoutMs)).toEqual([5_000, 0]);
  });

  it('waits again for a later position (a new write), and answers at once when caught up', async () => {
    const waitForPosition = jest.fn(async (position: number, _timeoutMs?: number) => position <= 14);
    const catchUp = catchUpOver({ waitForPosition });
    expect(await catchUp.waitFor(20, ['cases'])).toBe(false);
    expect(await catchUp.waitFor(21, ['cases'])).toBe(false);
    expect(await catchUp.waitFor(14, ['cases'])).toBe(true);
    expect(waitForPosition.mock.calls.map(([, timeoutMs]) => timeoutMs)).toEqual([5_000, 5_000, 0]);
  });

  it('refuses a read (503 read-models-behind) when the projection it waited for has no checkpoint: a rebuild emptied it', async () => {
    const waitForPosition = jest.fn(async (_position: number, _timeoutMs?: number) => false);
    const catchUp = catchUpOver(
      { waitForPosition },
      { getCheckpoint: async () => 0, getProjectionVersion: async () => 2 },
    );
    await expect(catchUp.waitFor(13, ['licences'])).rejects.toThrow(
      /^The read models \(licences\) are being rebuilt/,
    );
  });

  it('tells a fresh desk whose projector never ran that the read models are behind, not rebuilt', async () => {
    const waitForPosition = jest.fn(async (_position: number, _timeoutMs?: number) => false);
    // No version recorded: no runner ever started on these read models.
    const catchUp = catchUpOver(
      { waitForPosition },
      { getCheckpoint: async () => 0, getProjectionVersion: async () => undefined },
    );
    const refused = catchUp.waitFor(13, ['licences']);
    await expect(refused).rejects.toThrow(
      /^The read models \(licences\) are behind: the projector has not run on them yet/,
    );
    await expect(refused).rejects.toThrow(/`casetrail project`/);
  });

  it('lets a report read read models that applied part of the log without reading the head or waiting', async () => {
    const waitForPosition = jest.fn(async (_position: number, _timeoutMs?: number) => false);
    // catchUpOver's event store has no head to read: reading it would throw.
    await expect(catchUpOver({ waitForPosition }).refuseIfHoldingNothing(['reporting'])).resolves.toBe(
      undefined,
    );
    expect(waitForPosition).not.toHaveBeenCalled();
  });
});
