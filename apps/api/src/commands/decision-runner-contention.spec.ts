import {
  openSqliteEventStore,
  WrongExpectedRevisionError,
  type SqliteEventStore,
} from '@casetrail/eventstore';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StaleRevisionException } from '../problems/precondition-failed.exception';
import { DecisionRunner, type DecisionRequest } from './decision-runner';

type Commented = { type: 'Commented'; data: { body: string; seen: number } };

const WRITERS = 30;

/** A decision as slow as one that loads its context: the window in which writers used to race. */
const slowly = () => new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 15));

/**
 * Many writers on one stream in one process, as 30 clients commenting on a case at once. They take
 * turns, so none is told to retry (409) for a race it did not ask to be told about (no If-Match).
 */
describe('the decision runner with many writers on one stream', () => {
  let dir: string;
  let store: SqliteEventStore;
  let lostRaces: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-decision-runner-contention-'));
    store = openSqliteEventStore(join(dir, 'events.sqlite'));
    const append = store.append.bind(store);
    lostRaces = 0;
    store.append = async (...args) => {
      try {
        return await append(...args);
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) lostRaces++;
        throw error;
      }
    };
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const comment = (
    body: string,
    extra: Partial<DecisionRequest<number, Commented>> = {},
  ): DecisionRequest<number, Commented> => ({
    stream: 'case-busy',
    actor: { sub: 'jane', email: 'jane@acme.example', roles: [] },
    evolve: (state) => state + 1,
    initialState: 0,
    decide: async (state) => {
      await slowly();
      return [{ type: 'Commented', data: { body, seen: state } }];
    },
    ...extra,
  });

  it('records every one of 30 concurrent decisions, each on the state the one before left', async () => {
    const runner = new DecisionRunner(store);

    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, index) => runner.run(comment(`comment ${index}`))),
    );

    expect(results.map(({ revision }) => revision).sort((a, b) => a - b)).toEqual(
      Array.from({ length: WRITERS }, (_, index) => index),
    );
    const stored = await store.readStream('case-busy');
    expect(stored).toHaveLength(WRITERS);
    // No decision was taken on a stale state: the n-th event saw n before it.
    expect(stored.map((event) => (event.data as Commented['data']).seen)).toEqual(
      Array.from({ length: WRITERS }, (_, index) => index),
    );
    // They took turns rather than retrying.
    expect(lostRaces).toBe(0);
  });

  it('still decides again when a writer outside this process wins the race', async () => {
    const runner = new DecisionRunner(store);
    // Another process (which this one's turns know nothing of) appends while the decision is made.
    let outsiderWrote = false;
    const result = await runner.run(
      comment('mine', {
        decide: async (state) => {
          if (!outsiderWrote) {
            outsiderWrote = true;
            await new DecisionRunner(store).run(comment('theirs'));
          }
          return [{ type: 'Commented', data: { body: 'mine', seen: state } }];
        },
      }),
    );

    expect(result.revision).toBe(1);
    expect(lostRaces).toBe(1);
    expect((await store.readStream('case-busy')).map((event) => event.data)).toEqual([
      { body: 'theirs', seen: 0 },
      { body: 'mine', seen: 1 },
    ]);
  });

  it('with If-Match on the same revision, one wins and the others are refused as stale, not retried', async () => {
    const runner = new DecisionRunner(store);
    await runner.run(comment('first'));

    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        runner.run(comment(`pinned ${index}`, { expectedRevisions: [0] })),
      ),
    );

    expect(outcomes.filter(({ status }) => status === 'fulfilled')).toHaveLength(1);
    const refusals = outcomes.filter(
      (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
    );
    expect(refusals).toHaveLength(9);
    for (const { reason } of refusals) {
      expect(reason).toBeInstanceOf(StaleRevisionException);
      expect((reason as StaleRevisionException).getStatus()).toBe(412);
    }
    expect(await store.readStream('case-busy')).toHaveLength(2);
  });

  it('lets a failed decision pass the turn on: the writers behind it still succeed', async () => {
    const runner = new DecisionRunner(store);
    const outcomes = await Promise.allSettled([
      runner.run(comment('before')),
      runner.run(
        comment('refused', {
          decide: async () => {
            await slowly();
            throw new Error('not allowed');
          },
        }),
      ),
      runner.run(comment('after')),
    ]);

    expect(outcomes.map(({ status }) => status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(
      (await store.readStream('case-busy')).map((event) => (event.data as Commented['data']).body),
    ).toEqual(['before', 'after']);
  });
});
