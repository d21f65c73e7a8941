import { MongoClient } from 'mongodb';
import { MONGO_LEASES_COLLECTION } from '@casetrail/readmodels/mongo/mongo-read-model-store';
import type { LeaseReader, StoredLease } from './lease-reader';

interface LeaseDocument {
  _id: string;
  owner: string;
  expiresAt: Date;
}

/**
 * The leases of the MongoDB read models, through a client of its own (one connection), connected
 * at the first read: the store's client is private to its adapter.
 */
export class MongoLeaseReader implements LeaseReader {
  private client?: Promise<MongoClient>;
  private closed = false;

  constructor(
    private readonly url: string,
    /** The read-model store's database: by default the connection string's, else `casetrail`. */
    private readonly databaseName = databaseNameOf(url),
  ) {}

  async readAll(): Promise<StoredLease[]> {
    if (this.closed) throw new Error('The lease reader is closed');
    this.client ??= new MongoClient(this.url, { maxPoolSize: 1 }).connect();
    const client = await this.client;
    const leases = await client
      .db(this.databaseName)
      .collection<LeaseDocument>(MONGO_LEASES_COLLECTION)
      .find()
      .toArray();
    return leases.map((lease) => ({
      name: lease._id,
      holder: lease.owner,
      expiresAtMs: lease.expiresAt.getTime(),
    }));
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    await client?.then((connected) => connected.close()).catch(() => undefined);
  }
}

/** The database the read-model store uses: the connection string's, else `casetrail` (as the adapter decides). */
function databaseNameOf(url: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(url);
  return match ? decodeURIComponent(match[1]) : 'casetrail';
}
