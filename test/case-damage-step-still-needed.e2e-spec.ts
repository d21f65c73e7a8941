import { caseStream } from '../apps/api/src/cases/commands/case-command';
import { DamagedStreams } from '../apps/api/src/storage/damaged-streams';
import { lastPositionOf, onEventsFile, garbleEventData } from './support/fault/events-file';
import { openCase } from './support/fault/seed';
import { OpenApiDocument } from './support/openapi/openapi-document';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * Staff reading a damaged case are told which problem its commands answer, and what is still needed.
 * The detail said every command answers `storage-inconsistent` while the first one (the row still
 * unreadable) answered `stored-event-unreadable`; once the row was restored, the detail and the
 * commands' 503 still said to restore the event store, already done, when what was left was the
 * case's integrity check or, for a stream the projections set aside, `casetrail rebuild` and a restart.
 */
describe('the damage wording of a case, before and after its row is restored', () => {
  const seeded = useSeededTestApp();
  let caseId: string;
  let position: number;
  let original: string;

  const detailOf = async () => {
    const response = await seeded.t.app.inject({
      method: 'GET',
      url: `/v1/cases/${caseId}`,
      headers: { authorization: `Bearer ${seeded.world.engineerToken}` },
    });
    expect(response.statusCode).toBe(200);
    return response.json<{ recordDamaged: { detail: string } }>().recordDamaged.detail;
  };
  const comment = () =>
    seeded.send('POST', `/v1/cases/${caseId}/comments`, seeded.world.engineerToken, { body: 'Still there?' });

  beforeAll(async () => {
    const { send, world, t } = seeded;
    caseId = await openCase(send, world, 'Its first comment becomes unreadable');
    expect((await comment()).status).toBe(201);
    expect((await comment()).status).toBe(201);
    position = lastPositionOf(t.dataDir, caseStream(caseId), 'CommentAdded');
    original = onEventsFile(
      t.dataDir,
      (db) =>
        (db.prepare('SELECT data FROM events WHERE position = ?').get(position - 1) as { data: string }).data,
    );
    garbleEventData(t.dataDir, position - 1);
  });

  it('names stored-event-unreadable, which its commands answer while the row cannot be read', async () => {
    const refused = await comment();
    expect(refused).toMatchObject({
      status: 503,
      body: { type: expect.stringContaining('stored-event-unreadable') },
    });
    expect(await detailOf()).toContain(
      'every command on it answers 503 stored-event-unreadable until an operator',
    );
  });

  it('once the row is restored, sends staff to the integrity check, not to restore again', async () => {
    onEventsFile(seeded.t.dataDir, (db) =>
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(original, position - 1),
    );
    const refused = await comment();
    expect(refused.status).toBe(503);
    const { detail } = refused.body as { detail: string };
    const check = `its integrity check (GET /v1/cases/${caseId}/integrity) finds it whole`;
    expect(detail).toContain(`It takes changes again once ${check}`);
    expect(detail).not.toContain('must run `casetrail verify` and restore');
    expect(await detailOf()).toContain(`every command on it answers 503 storage-inconsistent until ${check}`);
  });

  it('for a stream the projections set aside, says `casetrail rebuild` and a restart are what is left', async () => {
    // As a projection that met the unreadable row reports it (SetAsideEvents).
    seeded.t.app
      .get(DamagedStreams)
      .recordUnreadable(
        { stream: caseStream(caseId), revision: 1, problem: 'its data is not valid JSON' },
        { setAside: true },
      );
    const rebuild = 'an operator runs `casetrail rebuild`, then restarts the desk';
    const refused = await comment();
    expect(refused.status).toBe(503);
    expect((refused.body as { detail: string }).detail).toContain(rebuild);
    const detail = await detailOf();
    expect(detail).toContain(`answers 503 storage-inconsistent until its stored events read whole again`);
    expect(detail).toContain(rebuild);
    expect(detail).toContain('may be out of date');
  });

  it('is described so in the OpenAPI document, step and problem type alike', async () => {
    const docs = await OpenApiDocument.of(seeded.t.app);
    const sign = docs.property(docs.okSchema('/v1/cases/{caseId}'), 'recordDamaged.detail');
    expect(sign?.description).toContain('stored-event-unreadable');
    expect(sign?.description).toContain('`casetrail rebuild`');
  });
});
