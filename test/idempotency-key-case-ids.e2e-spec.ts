import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commandIdFor } from '../apps/api/src/shared/request-context';
import { ApiClient, type ApiResponse } from './support/fixtures/api-client';
import { SetupSteps } from './support/fixtures/setup-steps';
import { cli } from './support/run-cli';
import { startTestApp, type TestApp } from './support/test-app';

const JANE = 'jane@acme.example';

/**
 * A case opened with an Idempotency-Key is named by an id derived from the key, so a retry finds it.
 * Before, that id was a plain SHA-256 of the opener's token subject, the route and the key: anyone
 * who knew or guessed a person's key (integrations use "ticket-123") and subject (customers read
 * staff subjects in the history) computed the id of the case it opened. Now the derivation is keyed
 * with the desk's own secret, kept in the event store: a retry by the same caller with the same key
 * still answers the first case, after a restart too, and another desk names it otherwise.
 */
describe('case ids derived from an Idempotency-Key', () => {
  const dataDirs: string[] = [];
  let app: TestApp | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(() => dataDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  /** A desk of its own (app on a DATA_DIR kept across restarts), with Jane licensed on Acme's licence. */
  async function newDesk(): Promise<{ dataDir: string; licenceId: string }> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-keyed-ids-'));
    dataDirs.push(dataDir);
    app = await startTestApp({ dataDir });
    const admin = await app.token('admin@vendor.example', ['admin']);
    const engineer = await app.token('eve@vendor.example', ['engineer']);
    const setup = new SetupSteps(new ApiClient(app.app), admin, engineer);
    const accountId = await setup.registerAccount('Acme');
    const licenceId = await setup.issueLicence(accountId, { plan: 'standard', holderEmail: JANE });
    await setup.addLicensedUser(licenceId, JANE, undefined, await app.token(JANE));
    return { dataDir, licenceId };
  }

  async function openKeyed(licenceId: string, key: string): Promise<ApiResponse> {
    return new ApiClient(app!.app).send(
      {
        method: 'POST',
        url: '/v1/cases',
        headers: { 'idempotency-key': key },
        payload: {
          licenceId,
          title: 'Ticket 123',
          description: 'From our tracker',
          severity: 3,
          channel: 'web',
        },
      },
      await app!.token(JANE),
    );
  }

  /** What anyone knowing Jane's subject (her address, with the embedded tokens) and the key computes. */
  const computable = (key: string) =>
    commandIdFor({ sub: JANE, email: JANE, roles: [] }, 'POST /v1/cases', key);

  it("is not computable from the opener's subject and the key", async () => {
    const { licenceId } = await newDesk();
    const opened = await openKeyed(licenceId, 'ticket-123');
    expect(opened.status).toBe(201);
    expect(opened.json().id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(opened.json().id).not.toBe(computable('ticket-123'));
  });

  it('answers a retry with the first case, after a restart too; another desk names it otherwise', async () => {
    const { dataDir, licenceId } = await newDesk();
    const first = await openKeyed(licenceId, 'ticket-456');
    expect(first.status).toBe(201);
    const caseId = first.json().id as string;

    const retried = await openKeyed(licenceId, 'ticket-456');
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.json().id).toBe(caseId);

    await app!.close();
    app = await startTestApp({ dataDir });
    const afterRestart = await openKeyed(licenceId, 'ticket-456');
    expect(afterRestart.status).toBe(201);
    expect(afterRestart.headers['idempotent-replayed']).toBe('true');
    expect(afterRestart.headers.location).toBe(`/v1/cases/${caseId}`);
    await app.close();
    app = undefined;

    // The secret is an event of the log like any other: the log still verifies whole.
    const verified = await cli(dataDir, 'verify');
    expect(verified.code).toBe(0);

    const other = await newDesk();
    const elsewhere = await openKeyed(other.licenceId, 'ticket-456');
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.json().id).not.toBe(caseId);
  });
});
