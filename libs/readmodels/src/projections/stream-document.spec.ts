import { CASE_ID, commands, plus, T0 } from '@casetrail/domain/cases/testing/case-fixtures';
import { casesProjection } from '../cases/cases.projection';
import { notificationsOutboxProjection } from '../notifications/notifications-outbox.projection';
import type { Doc, ProjectionTransaction } from '../read-model-store.port';
import { reportingProjection } from '../reporting/reporting.projection';
import { slaTimersProjection } from '../sla-timers/sla-timers.projection';
import { recordedCase } from '../testing/recorded-case';
import type { Projection } from './projection';
import { streamDocument } from './stream-document';

/** An in-memory transaction that remembers which documents were looked up. */
function recordingTransaction(
  documents: Map<string, Doc>,
  lookups: string[],
  position: number,
): ProjectionTransaction {
  const key = (collection: string, id: string) => `${collection}/${id}`;
  return {
    position,
    get: async <T extends object>(collection: string, id: string) => {
      lookups.push(key(collection, id));
      return documents.get(key(collection, id)) as T | undefined;
    },
    put: (collection, id, doc) => void documents.set(key(collection, id), doc as Doc),
    delete: (collection, id) => void documents.delete(key(collection, id)),
    findIds: async () => [],
  };
}

describe('streamDocument', () => {
  const [opened, commented] = recordedCase([
    commands.openCase(),
    commands.comment({ at: plus(T0, { hours: 1 }) }),
  ]);

  it('looks nothing up for the first event of a stream', async () => {
    const lookups: string[] = [];
    const tx = recordingTransaction(new Map([['cases/case-1', { id: CASE_ID }]]), lookups, 1);
    await expect(streamDocument(tx, 'cases', CASE_ID, opened)).resolves.toBeUndefined();
    expect(lookups).toEqual([]);
  });

  it('reads the document for every later event', async () => {
    const lookups: string[] = [];
    const tx = recordingTransaction(new Map([['cases/case-1', { id: CASE_ID }]]), lookups, 2);
    await expect(streamDocument(tx, 'cases', CASE_ID, commented)).resolves.toEqual({ id: CASE_ID });
    expect(lookups).toEqual(['cases/case-1']);
  });

  const caseProjections: Projection[] = [
    casesProjection,
    slaTimersProjection,
    reportingProjection,
    notificationsOutboxProjection({ supportTeam: [] }),
  ];
  it.each(caseProjections.map((projection) => [projection.name, projection] as const))(
    '%s applies a case opening without looking up the case, and reads what it wrote at the next event',
    async (_name, projection) => {
      const documents = new Map<string, Doc>();
      const lookups: string[][] = [];
      for (const event of [opened, commented]) {
        const eventLookups: string[] = [];
        await projection.apply(event, recordingTransaction(documents, eventLookups, event.position));
        lookups.push(eventLookups);
      }
      const ofTheCase = (keys: string[]) => keys.filter((key) => key.endsWith(`/${CASE_ID}`));
      expect(ofTheCase(lookups[0])).toEqual([]);
      expect(ofTheCase(lookups[1])).not.toEqual([]);
    },
  );
});
