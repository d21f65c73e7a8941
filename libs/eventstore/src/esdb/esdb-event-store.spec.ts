import { EventStoreDBClient } from '@eventstore/db-client';
import { describeEventStoreContract } from '../event-store.contract';
import { connectEsdbEventStore } from './esdb-event-store';

// No EventStoreDB runs on the development machines; the suite runs wherever one is reachable,
// e.g. EVENTSTORE_URL=esdb://localhost:2113?tls=false with docker-compose.
const eventStoreUrl = process.env.EVENTSTORE_URL;

if (eventStoreUrl) {
  // EventStoreDB's recorded time is the server's, unknown when the chain is computed: not hashed.
  const admin = EventStoreDBClient.connectionString(eventStoreUrl);
  describeEventStoreContract(
    'EsdbEventStore',
    async () => connectEsdbEventStore(eventStoreUrl),
    {
      hashesRecordedAt: false,
      // A stream's first events can be truncated away; no event can be removed from its middle.
      loseEvents: {
        opening: async (stream, count) => {
          await admin.setStreamMetadata(stream, { truncateBefore: count });
        },
      },
    },
    () => admin.dispose(),
  );
} else {
  process.stdout.write('skipped: EventStoreDB contract suite (set EVENTSTORE_URL)\n');
  describe.skip('EsdbEventStore (EventStore contract)', () => {
    it('needs EVENTSTORE_URL pointing at an EventStoreDB server', () => undefined);
  });
}
