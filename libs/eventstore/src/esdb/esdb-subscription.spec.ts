import type { AllStreamResolvedEvent, EventStoreDBClient } from '@eventstore/db-client';
import { PassThrough } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RecordedEvent } from '../event-store.port';
import { EsdbSubscription } from './esdb-subscription';

/** Stands in for the client's subscription stream: an object-mode stream plus unsubscribe(). */
function fakeClient() {
  const source = Object.assign(new PassThrough({ objectMode: true }), {
    unsubscribed: false,
    async unsubscribe() {
      this.unsubscribed = true;
    },
  });
  const calls: unknown[] = [];
  const client = {
    subscribeToAll(options: unknown) {
      calls.push(options);
      return source;
    },
  } as unknown as EventStoreDBClient;
  return { client, source, calls };
}

function resolved(
  position: number,
  overrides: { type?: string; streamId?: string } = {},
): AllStreamResolvedEvent {
  return {
    event: {
      streamId: overrides.streamId ?? 'case-1',
      id: `id-${position}`,
      isJson: true,
      revision: BigInt(position),
      type: overrides.type ?? 'CaseOpened',
      created: new Date('2030-01-01T00:00:00Z'),
      data: { position },
      metadata: { actor: 'a', correlationId: 'c', schemaVersion: 1 },
      position: { commit: BigInt(position), prepare: BigInt(position) },
    },
    commitPosition: BigInt(position),
  } as AllStreamResolvedEvent;
}

describe('EsdbSubscription', () => {
  it('subscribes from the checkpoint with the system-event filter', async () => {
    const { client, calls } = fakeClient();
    const subscription = new EsdbSubscription(client, { after: 100, batchSize: 10 }, async () => undefined);
    await subscription.stop();

    expect(calls[0]).toMatchObject({
      fromPosition: { commit: 100n, prepare: 100n },
      filter: { regex: '^[^$].*' },
    });
  });

  it('hands over what is buffered as bounded batches, dropping system events and the checkpoint itself', async () => {
    const { client, source } = fakeClient();
    const batches: RecordedEvent[][] = [];
    for (const position of [100, 110, 120, 130]) source.write(resolved(position));
    source.write(resolved(135, { type: '$statsCollected', streamId: '$stats-1' }));
    source.write(resolved(140));

    const subscription = new EsdbSubscription(client, { after: 100, batchSize: 2 }, async (batch) => {
      batches.push(batch);
    });
    while (batches.flat().length < 4) await nextTurn();
    await subscription.stop();

    expect(batches.flat().map((event) => event.position)).toEqual([110, 120, 130, 140]);
    expect(batches.every((batch) => batch.length <= 2)).toBe(true);
    expect(source.unsubscribed).toBe(true);
  });

  it('stop() waits for the handler in flight and ends `done` quietly', async () => {
    const { client, source } = fakeClient();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered = false;
    let finished = false;
    source.write(resolved(1));
    const subscription = new EsdbSubscription(client, { after: 0, batchSize: 10 }, async () => {
      entered = true;
      await gate;
      finished = true;
    });
    while (!entered) await nextTurn();

    let stopped = false;
    const stopping = subscription.stop().then(() => (stopped = true));
    for (let turn = 0; turn < 5; turn++) await nextTurn();
    expect(stopped).toBe(false);
    release();
    await stopping;

    expect(finished).toBe(true);
    await expect(subscription.done).resolves.toBeUndefined();
  });

  it('rejects `done` with a handler error and closes the server call', async () => {
    const { client, source } = fakeClient();
    const failure = new Error('projection failed');
    source.write(resolved(1));

    const subscription = new EsdbSubscription(client, { after: 0, batchSize: 10 }, async () => {
      throw failure;
    });

    await expect(subscription.done).rejects.toBe(failure);
    expect(source.unsubscribed).toBe(true);
  });

  it('rejects `done` when the server call fails', async () => {
    const { client, source } = fakeClient();
    const subscription = new EsdbSubscription(client, { after: 0, batchSize: 10 }, async () => undefined);

    source.destroy(new Error('connection lost'));

    await expect(subscription.done).rejects.toThrow('connection lost');
  });

  it('rejects `done` when the server ends the call without being asked to', async () => {
    const { client, source } = fakeClient();
    const subscription = new EsdbSubscription(client, { after: 0, batchSize: 10 }, async () => undefined);

    source.end();

    await expect(subscription.done).rejects.toThrow(/ended/);
  });
});
