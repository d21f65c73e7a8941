import { describeEventStoreContract } from '../event-store.contract';
import { connectEsdbEventStore } from './esdb-event-store';

// No EventStoreDB runs on the development machines; the suite runs wherever one is reachable,
// e.g. EVENTSTORE_URL=esdb://localhost:2113?tls=false with docker-compose.
const eventStoreUrl = process.env.EVENTSTORE_URL;

if (eventStoreUrl) {
  // EventStoreDB's recorded time is the server's, unknown when the chain is computed: not hashed.
  describeEventStoreContract('EsdbEventStore', async () => connectEsdbEventStore(eventStoreUrl), {
    hashesRecordedAt: false,
  });
} else {
  process.stdout.write('skipped: EventStoreDB contract suite (set EVENTSTORE_URL)\n');
  describe.skip('EsdbEventStore (EventStore contract)', () => {
    it('needs EVENTSTORE_URL pointing at an EventStoreDB server', () => undefined);
  });
}
