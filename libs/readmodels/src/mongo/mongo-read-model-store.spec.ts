import { MongoClient } from 'mongodb';
import { describeReadModelStoreContract } from '../read-model-store.contract';
import { connectMongoReadModelStore } from './mongo-read-model-store';

const url = process.env.MONGODB_URL;

if (url) {
  // One throw-away database per run, so concurrent runs and leftovers never meet.
  const databaseName = `casetrail_contract_${Date.now().toString(36)}_${process.pid}`;

  afterAll(async () => {
    const client = await MongoClient.connect(url);
    try {
      await client.db(databaseName).dropDatabase();
    } finally {
      await client.close();
    }
  });

  describeReadModelStoreContract('MongoDB', () => connectMongoReadModelStore(url, { databaseName }));
} else {
  process.stdout.write('skipped: MongoDB contract suite (set MONGODB_URL)\n');
  it.skip('skipped: MongoDB contract suite (set MONGODB_URL)', () => undefined);
}
