import { projectionProblem, type ProjectionHealth } from './projection-health';

const limits = { behindGraceMs: 30_000, lagWarning: 10_000 };

function projection(overrides: Partial<ProjectionHealth>): ProjectionHealth {
  return { name: 'cases', state: 'active', checkpoint: 100, headPosition: 100, lag: 0, ...overrides };
}

describe('what makes a projection degrade /health', () => {
  it('nothing while it keeps up, whoever runs it', () => {
    expect(projectionProblem(projection({}), limits)).toBeUndefined();
    expect(projectionProblem(projection({ state: 'no-runner', lease: null }), limits)).toBeUndefined();
    expect(projectionProblem(projection({ lag: 40, behindForMs: 30_000 }), limits)).toBeUndefined();
  });

  it('a checkpoint beyond the end of the log: the event store lost events it applied', () => {
    expect(projectionProblem(projection({ checkpoint: 3583, headPosition: 3327, lag: 0 }), limits)).toMatch(
      /^Projection cases has applied the log up to position 3583, but the event store ends at 3327: the event store has lost events/,
    );
  });

  it('a failure, whatever its lag', () => {
    expect(projectionProblem(projection({ state: 'failed', lastError: 'disk I/O error' }), limits)).toBe(
      'failed: disk I/O error',
    );
  });

  it('events waiting with no runner, at once: a quiet desk would never reach the other limits', () => {
    expect(
      projectionProblem(projection({ state: 'no-runner', lag: 1, behindForMs: 10, lease: null }), limits),
    ).toBe('1 event not applied and no runner at work (nobody holds its lease): start `casetrail project`');
  });

  it('an event left unapplied longer than the grace period, by a runner that holds the lease', () => {
    expect(projectionProblem(projection({ lag: 3, behindForMs: 90_000 }), limits)).toBe(
      'behind for 90 s (3 events not applied), longer than the 30 s allowed',
    );
  });

  it('more events waiting than the lag warning, however recent', () => {
    expect(projectionProblem(projection({ lag: 10_001, behindForMs: 2_000 }), limits)).toBe(
      '10001 events behind, more than 10000',
    );
  });
});
