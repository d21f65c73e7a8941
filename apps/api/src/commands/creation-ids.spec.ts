import { verifyStreamChain, type EventStore } from '@casetrail/eventstore';
import { InMemoryEventStore } from '@casetrail/readmodels/testing/in-memory-event-store';
import type { CommandMeta } from './command-meta';
import { CREATION_ID_SECRET_STREAM } from './creation-id-secret';
import { CreationIds } from './creation-ids';

const caseStream = (id: string) => `case-${id}`;
const keyed = (commandId: string) => ({ commandId }) as CommandMeta;

describe('CreationIds', () => {
  it('names an unkeyed creation with a new id whose stream need not be read', async () => {
    const { id, meta } = await new CreationIds(new InMemoryEventStore()).of({} as CommandMeta, caseStream);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(meta.newStream).toBe(true);
  });

  it('derives a keyed id with the secret the store keeps: the same for every process on it, another on another store', async () => {
    const store = new InMemoryEventStore();
    const commandId = '0b6c1e2a-63ab-8d6f-9c1d-5d2f3e4a5b6c';
    const [a, b] = await Promise.all([
      new CreationIds(store).of(keyed(commandId), caseStream),
      new CreationIds(store).of(keyed(commandId), caseStream),
    ]);
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(commandId);
    expect(a.meta.newStream).toBeUndefined();
    const secretStream = await store.readStream(CREATION_ID_SECRET_STREAM);
    expect(secretStream).toHaveLength(1);
    expect(verifyStreamChain(secretStream)).toBeUndefined();
    const elsewhere = await new CreationIds(new InMemoryEventStore()).of(keyed(commandId), caseStream);
    expect(elsewhere.id).not.toBe(a.id);
  });

  it('keeps the id a creation was stored under before ids were keyed (the command id itself)', async () => {
    const store = new InMemoryEventStore();
    const commandId = '1c7d2f3b-74bc-8e70-ad2e-6e304f5b6c7d';
    await store.append(
      caseStream(commandId),
      [
        {
          type: 'CaseOpened',
          data: {},
          metadata: { actor: 'x', correlationId: 'c', commandId, schemaVersion: 1 },
        },
      ],
      'no-stream',
    );
    expect((await new CreationIds(store).of(keyed(commandId), caseStream)).id).toBe(commandId);
  });

  it('keys with the secret the log has now: a process on a log restored from before its secret agrees with a new one', async () => {
    // The store a running process writes to, its content replaced under it by an older backup.
    const log = { now: new InMemoryEventStore() };
    const store = new Proxy({} as EventStore, {
      get: (_target, name) => {
        const value = Reflect.get(log.now, name, log.now) as unknown;
        return typeof value === 'function' ? value.bind(log.now) : value;
      },
    });
    const running = new CreationIds(store);
    await running.of(keyed('2d8e3a4c-85cd-8f81-be3f-7f4150607d8e'), caseStream);

    log.now = new InMemoryEventStore(); // restored from a backup taken before the first keyed creation
    const commandId = '3e9f4b5d-96de-8092-8f40-805261718e9f';
    const openedByRunning = await running.of(keyed(commandId), caseStream);
    const retriedAfterRestart = await new CreationIds(store).of(keyed(commandId), caseStream);
    expect(retriedAfterRestart.id).toBe(openedByRunning.id);
    expect(await store.readStream(CREATION_ID_SECRET_STREAM)).toHaveLength(1);
  });
});
