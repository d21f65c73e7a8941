import { ApiClient } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A share gives a person what a sharee gets (see, comment, hear), never staff powers: staff powers
 * on a case come from the role and the account together (an engineer, or the account's own CSM).
 * Finding customer3 F2: a customer shared her case with another account's CSM, whose CSM token then
 * read and wrote internal notes and acknowledged the customer's escalation. Sharing with a vendor
 * address stays allowed (DOMAIN.md: a shared user is anyone a case is shared with); the CSM is a
 * plain sharee there, as is a sharee whose token carries the `csm` role.
 */
describe('a share gives a CSM of another account only what a sharee gets', () => {
  const SECRET = 'INTERNAL SECRET: the customer’s DB password is in the dump';
  let t: TestApp;
  let api: ApiClient;
  let setup: SetupSteps;
  let engineer: string;
  let caseId: string;
  let internalNoteId: string;

  const call = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
    api.send({ method, url, ...(payload ? { payload } : {}) }, token);

  beforeAll(async () => {
    t = await startTestApp({ apiEnv: { STAFF_EMAIL_DOMAINS: 'vendor.example' } });
    api = new ApiClient(t.app);
    const admin = await t.token('admin@vendor.example', ['admin']);
    engineer = await t.token('eve@vendor.example', ['engineer']);
    setup = new SetupSteps(api, admin, engineer);
    const acme = await setup.registerAccount('Acme');
    const beta = await setup.registerAccount('Beta');
    await setup.assignCsm(acme, 'carl@vendor.example');
    await setup.assignCsm(beta, 'cora@vendor.example');
    const licence = await setup.issueLicence(acme, {
      plan: 'mission-critical',
      holderEmail: 'boss@acme.example',
    });
    const jane = await t.token('jane@acme.example');
    await setup.addLicensedUser(
      licence,
      'jane@acme.example',
      { ...NO_PERMISSIONS, shareTickets: true },
      jane,
    );
    caseId = await setup.openWebCase(licence, jane, 'Checkout is slow');
    const note = await call('POST', `/v1/cases/${caseId}/comments`, engineer, {
      body: SECRET,
      internal: true,
    });
    expect(note.status).toBe(201);
    internalNoteId = String(note.headers.location).split('/').pop()!;
    await api.expect(
      201,
      {
        method: 'POST',
        url: `/v1/cases/${caseId}/escalations`,
        payload: { reason: 'business-operations-risk', details: 'The shop is down' },
      },
      jane,
    );
    await setup.shareCase(caseId, 'cora@vendor.example', jane);
    await setup.shareCase(caseId, 'olga@other.example', jane);
  });
  afterAll(() => t.close());

  const SHAREES = [
    ['another account’s CSM', 'cora@vendor.example'],
    ['a sharee whose token carries the csm role', 'olga@other.example'],
  ] as const;

  describe.each(SHAREES)('%s', (_who, email) => {
    let token: string;
    beforeAll(async () => {
      token = await t.token(email, ['csm']);
    });

    it('reads the case as a sharee: no internal note or escalation handling offered', async () => {
      const detail = await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}` }, token);
      const actions: string[] = detail.json().allowedActions;
      expect(actions).toContain('comment');
      expect(actions).not.toContain('internalNote');
      expect(actions).not.toContain('acknowledgeEscalation');
      expect(detail.json().teamWithheld).toBe(true);
    });

    it('lists the case without the account’s licence terms, as a sharee from elsewhere reads it', async () => {
      const list = await api.expect(200, { method: 'GET', url: '/v1/cases' }, token);
      const row = list.json().items.find((item: { id: string }) => item.id === caseId);
      expect(row).toMatchObject({ edition: null, priority: { missionCritical: null } });
    });

    it('reads the history and the note without the internal note’s text', async () => {
      const history = await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}/history` }, token);
      expect(history.body).not.toContain('INTERNAL SECRET');
      const part = await call('GET', `/v1/cases/${caseId}/comments/${internalNoteId}`, token);
      expect(part.body).not.toContain('INTERNAL SECRET');
    });

    it('is refused an internal note and the escalation’s acknowledgement (403), and nothing is recorded', async () => {
      const before = (await t.runtime.storage.eventStore.readStream(`case-${caseId}`)).length;
      const note = await call('POST', `/v1/cases/${caseId}/comments`, token, {
        body: 'mine',
        internal: true,
      });
      expect(note.status).toBe(403);
      expect(note.contentType).toContain('application/problem+json');
      const ack = await call('POST', `/v1/cases/${caseId}/escalations/acknowledgement`, token, {});
      expect(ack.status).toBe(403);
      expect(ack.contentType).toContain('application/problem+json');
      expect((await t.runtime.storage.eventStore.readStream(`case-${caseId}`)).length).toBe(before);
    });
  });

  it('records the comment of a CSM who is only a sharee as a sharee’s, so no mail takes them for staff', async () => {
    const cora = await t.token('cora@vendor.example', ['csm']);
    await api.expect(
      201,
      { method: 'POST', url: `/v1/cases/${caseId}/comments`, payload: { body: 'Following this one' } },
      cora,
    );
    const [comment] = (await t.runtime.storage.eventStore.readStream(`case-${caseId}`)).slice(-1);
    expect(comment.type).toBe('CommentAdded');
    expect(comment.metadata.actorRoles).toEqual([]);
    expect(comment.data).toMatchObject({ internal: false, byStaff: false });
  });

  it('gives the opener no staff powers on their own case when their token carries the csm role', async () => {
    const janeAsCsm = await t.token('jane@acme.example', ['csm']);
    const detail = await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}` }, janeAsCsm);
    expect(detail.json().allowedActions).not.toContain('internalNote');
    expect(detail.json().allowedActions).not.toContain('acknowledgeEscalation');
    const history = await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}/history` }, janeAsCsm);
    expect(history.body).not.toContain('INTERNAL SECRET');
    const part = await call('GET', `/v1/cases/${caseId}/comments/${internalNoteId}`, janeAsCsm);
    expect(part.body).not.toContain('INTERNAL SECRET');
    const note = await call('POST', `/v1/cases/${caseId}/comments`, janeAsCsm, { body: 'x', internal: true });
    expect(note.status).toBe(403);
  });

  it('lists a shared case to another account’s CSM without the verdict on its assignee, nor filters it by it', async () => {
    await api.expect(
      200,
      {
        method: 'POST',
        url: `/v1/cases/${caseId}/assignment`,
        payload: { engineer: 'eve@vendor.example', reason: 'Taking it' },
      },
      engineer,
    );
    const cora = await t.token('cora@vendor.example', ['csm']);
    const list = await api.expect(200, { method: 'GET', url: '/v1/cases' }, cora);
    const row = list.json().items.find((item: { id: string }) => item.id === caseId);
    expect(row).toBeDefined();
    expect(row).not.toHaveProperty('assigneeVouched');
    for (const value of ['true', 'false']) {
      const filtered = await api.expect(
        200,
        { method: 'GET', url: `/v1/cases?assigneeVouched=${value}` },
        cora,
      );
      expect(filtered.json().items.map((item: { id: string }) => item.id)).not.toContain(caseId);
    }
    const carl = await t.token('carl@vendor.example', ['csm']);
    const own = await api.expect(200, { method: 'GET', url: '/v1/cases?assigneeVouched=true' }, carl);
    expect(own.json().items.find((item: { id: string }) => item.id === caseId)).toMatchObject({
      assigneeVouched: true,
    });
  });

  it('leaves the account’s own CSM their staff powers on the case', async () => {
    const carl = await t.token('carl@vendor.example', ['csm']);
    const detail = await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}` }, carl);
    expect(detail.json().allowedActions).toEqual(
      expect.arrayContaining(['internalNote', 'acknowledgeEscalation']),
    );
    const list = await api.expect(200, { method: 'GET', url: '/v1/cases' }, carl);
    expect(list.json().items.find((item: { id: string }) => item.id === caseId)).toMatchObject({
      edition: 'Online Marketing License',
      priority: { missionCritical: true },
    });
    const history = await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}/history` }, carl);
    expect(history.body).toContain('INTERNAL SECRET');
    await api.expect(
      200,
      { method: 'POST', url: `/v1/cases/${caseId}/escalations/acknowledgement`, payload: {} },
      carl,
    );
  });
});
