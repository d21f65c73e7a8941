import { CASE_ID, commands, plus, T0 } from '@casetrail/domain/cases/testing/case-fixtures';
import { casesProjection } from '../cases/cases.projection';
import { notificationsOutboxProjection } from '../notifications/notifications-outbox.projection';
import type { Doc } from '../read-model-store.port';
import { reportingProjection } from '../reporting/reporting.projection';
import { inMemoryTransaction } from '../testing/in-memory-transaction';
import { recordedCase } from '../testing/recorded-case';
import type { Projection } from './projection';
import { streamDocument } from './stream-document';

describe('streamDocument', () => {
  const [opened, commented] = recordedCase([
    commands.openCase(),
    commands.comment({ at: plus(T0, { hours: 1 }) }),
  ]);

  it('looks nothing up for the first event of a stream', async () => {
    const lookups: string[] = [];
    const tx = inMemoryTransaction(new Map([['cases/case-1', { id: CASE_ID }]]), 1, lookups);
    await expect(streamDocument(tx, 'cases', CASE_ID, opened)).resolves.toBeUndefined();
    expect(lookups).toEqual([]);
  });

  it('reads the document for every later event', async () => {
    const lookups: string[] = [];
    const tx = inMemoryTransaction(new Map([['cases/case-1', { id: CASE_ID }]]), 2, lookups);
    await expect(streamDocument(tx, 'cases', CASE_ID, commented)).resolves.toEqual({ id: CASE_ID });
    expect(lookups).toEqual(['cases/case-1']);
  });

  const caseProjections: Projection[] = [
    casesProjection,
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
        await projection.apply(event, inMemoryTransaction(documents, event.position, eventLookups));
        lookups.push(eventLookups);
      }
      const ofTheCase = (keys: string[]) => keys.filter((key) => key.endsWith(`/${CASE_ID}`));
      expect(ofTheCase(lookups[0])).toEqual([]);
      expect(ofTheCase(lookups[1])).not.toEqual([]);
    },
  );
});
