import { ApiClient } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Someone who sees a case only because it was shared with them sees only their own share in the
 * detail (share-only-viewer-shares.e2e-spec.ts); the history must not tell them the rest either:
 * who else the case was shared with or unshared from, by whom, why. Those entries stay in place,
 * withheld (`data.redacted`), so revisions, positions and the hash chain's links are whole and
 * the same as everyone else's; their own share entries, the opener's, the case team's and staff's
 * views are whole. The detail as of any instant shows them their own share alone.
 */
describe('a share-only viewer reads no other sharee in the history or the case at any instant', () => {
  let t: TestApp;
  let api: ApiClient;
  let caseId: string;

  const ALICE = 'alice@acme.example';
  const SAM = 'sam@partner.example';
  const SUE = 'sue@consultancy.example';
  const OLLIE = 'ollie@outsourcer.example';
  const ENGINEER = 'eve@vendor.example';
  /** Everything of the other sharees a share-only viewer must not read, anywhere in an answer. */
  const SECRETS = [
    SUE,
    OLLIE,
    'Sue Secret',
    'Ollie Hidden',
    'Sue audits the rollout',
    'Ollie left the project',
  ];

  type Entry = {
    revision: number;
    position: number;
    type: string;
    actor: string;
    reason?: string;
    data: Record<string, unknown>;
    hash: string;
    previousHash: string;
    correlationId?: string;
    metadata: Record<string, unknown>;
  };

  const tokenOf = (email: string) => t.token(email, email === ENGINEER ? ['engineer'] : []);
  const historyFor = async (email: string) => {
    const response = await api.expect(
      200,
      { method: 'GET', url: `/v1/cases/${caseId}/history` },
      await tokenOf(email),
    );
    return { body: response.body, events: response.json().events as Entry[] };
  };
  const step = () => t.clock.advance(60_000);

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    const admin = await t.token('admin@vendor.example', ['admin']);
    const engineer = await tokenOf(ENGINEER);
    const setup = new SetupSteps(api, admin, engineer);
    const accountId = await setup.registerAccount('Acme');
    const licenceId = await setup.issueLicence(accountId, {
      plan: 'enterprise',
      holderEmail: 'boss@acme.example',
    });
    const alice = await t.token(ALICE);
    await setup.addLicensedUser(licenceId, ALICE, { ...NO_PERMISSIONS, shareTickets: true }, alice);
    await setup.addCaseTeamMember(accountId, 'tina@partner.example', true);
    caseId = await setup.openWebCase(licenceId, alice);
    const shares = `/v1/cases/${caseId}/shares`;
    step();
    await api.expect(
      201,
      {
        method: 'POST',
        url: shares,
        payload: { email: SAM, name: 'Sam', reason: 'Sam runs the integration' },
      },
      alice,
    );
    step();
    await api.expect(
      201,
      {
        method: 'POST',
        url: shares,
        payload: { email: SUE, name: 'Sue Secret', reason: 'Sue audits the rollout' },
      },
      engineer,
    );
    step();
    // Keyed: its event then carries a requestHash (of the body: email, name) and a commandId.
    await api.expect(
      201,
      {
        method: 'POST',
        url: shares,
        payload: { email: OLLIE, name: 'Ollie Hidden' },
        headers: { 'idempotency-key': 'share-ollie-1' },
      },
      alice,
    );
    step();
    // Ollie leaves by himself: the entry's actor is his own email.
    await api.expect(
      200,
      { method: 'DELETE', url: `${shares}/${OLLIE}`, payload: { reason: 'Ollie left the project' } },
      await t.token(OLLIE),
    );
    step();
    await api.expect(
      200,
      { method: 'DELETE', url: `${shares}/${SAM}`, payload: { reason: 'Wrong Sam' } },
      engineer,
    );
    step();
    await api.expect(
      201,
      {
        method: 'POST',
        url: shares,
        payload: { email: SAM, name: 'Sam', reason: 'The right Sam after all' },
      },
      alice,
    );
    step();
    await api.expect(
      201,
      { method: 'POST', url: `/v1/cases/${caseId}/comments`, payload: { body: 'Looking into it' } },
      engineer,
    );
  });
  afterAll(() => t.close());

  it('shows Sam none of the other sharees: no email, name or reason of theirs, anywhere in the history', async () => {
    const { body } = await historyFor(SAM);
    for (const secret of SECRETS)
      expect({ secret, found: body.includes(secret) }).toEqual({ secret, found: false });
  });

  it('keeps every entry in place for him, the same revisions, positions and hashes as the opener reads, chained', async () => {
    const sam = (await historyFor(SAM)).events;
    const opener = (await historyFor(ALICE)).events;
    const links = (events: Entry[]) =>
      events.map(({ revision, position, type, hash, previousHash }) => ({
        revision,
        position,
        type,
        hash,
        previousHash,
      }));
    expect(links(sam)).toEqual(links(opener));
    expect(sam.map((entry) => entry.revision)).toEqual(sam.map((_entry, index) => index));
    for (let index = 1; index < sam.length; index++)
      expect(sam[index].previousHash).toBe(sam[index - 1].hash);
  });

  it('withholds the other sharees’ entries: who, by whom, why and what would confirm a guess', async () => {
    const { events } = await historyFor(SAM);
    const others = events.filter(
      (entry) => ['CaseShared', 'CaseUnshared'].includes(entry.type) && entry.data.email !== SAM,
    );
    expect(others.map((entry) => entry.type)).toEqual(['CaseShared', 'CaseShared', 'CaseUnshared']);
    for (const entry of others) {
      expect(entry.data).toEqual({ caseId, at: expect.any(String), redacted: "another person's share" });
      expect(entry.actor).toBe('redacted');
      expect(entry).not.toHaveProperty('reason');
      expect(entry).not.toHaveProperty('correlationId');
      expect(entry.metadata).toHaveProperty('schemaVersion');
      for (const hidden of [
        'actor',
        'actorName',
        'actorRoles',
        'reason',
        'requestHash',
        'commandId',
        'correlationId',
      ])
        expect({ hidden, present: hidden in entry.metadata }).toEqual({ hidden, present: false });
    }
  });

  it('shows him his own share entries whole: who shared him, who took him off, and why', async () => {
    const { events } = await historyFor(SAM);
    const own = events.filter((entry) => entry.data.email === SAM);
    expect(own.map(({ type, actor, reason }) => ({ type, actor, reason }))).toEqual([
      { type: 'CaseShared', actor: ALICE, reason: 'Sam runs the integration' },
      { type: 'CaseUnshared', actor: ENGINEER, reason: 'Wrong Sam' },
      { type: 'CaseShared', actor: ALICE, reason: 'The right Sam after all' },
    ]);
    expect(events.find((entry) => entry.type === 'CommentAdded')).toMatchObject({
      actor: ENGINEER,
      data: { body: 'Looking into it' },
    });
  });

  it('shows the opener, the case team and staff every share entry whole', async () => {
    for (const email of [ALICE, 'tina@partner.example', ENGINEER]) {
      const { body, events } = await historyFor(email);
      for (const secret of SECRETS)
        expect({ email, secret, found: body.includes(secret) }).toEqual({ email, secret, found: true });
      // Tina, of another company, reads the opening without the account's licence terms (see
      // case-licence-terms-privacy): that is no share withheld.
      const withheld = events.filter(
        (entry) => entry.data.redacted !== undefined && entry.data.redacted !== "the account's licence terms",
      );
      expect({ email, redacted: withheld.length }).toEqual({ email, redacted: 0 });
    }
    // What Sam's copy of Ollie's keyed share goes without, this view has: it was there to withhold.
    const { events } = await historyFor(ALICE);
    const ollie = events.find((entry) => entry.type === 'CaseShared' && entry.data.email === OLLIE)!;
    expect(ollie.metadata).toMatchObject({
      actor: ALICE,
      requestHash: expect.any(String),
      commandId: expect.any(String),
    });
    expect(ollie.correlationId).toEqual(expect.any(String));
  });

  it('shows him his own share alone, and no case team, in the case as it stood at every instant', async () => {
    const sam = await tokenOf(SAM);
    const { events } = await historyFor(ALICE);
    for (const entry of events) {
      const asOf = encodeURIComponent(String(entry.data.at));
      const response = await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}?asOf=${asOf}` }, sam);
      for (const secret of SECRETS)
        expect({ at: entry.data.at, secret, found: response.body.includes(secret) }).toEqual({
          at: entry.data.at,
          secret,
          found: false,
        });
      const detail = response.json();
      expect(detail.team).toEqual([]);
      expect(detail.shares.every((share: { email: string }) => share.email === SAM)).toBe(true);
    }
    // While Sue was on the case (and Sam too), the opener's view shows both; Sam's only himself.
    const bothOn = String(
      events.find((entry) => entry.type === 'CaseShared' && entry.data.email === SUE)!.data.at,
    );
    const opener = await api.expect(
      200,
      { method: 'GET', url: `/v1/cases/${caseId}?asOf=${encodeURIComponent(bothOn)}` },
      await t.token(ALICE),
    );
    expect(opener.json().shares.map((share: { email: string }) => share.email)).toEqual([SAM, SUE]);
    const his = await api.expect(
      200,
      { method: 'GET', url: `/v1/cases/${caseId}?asOf=${encodeURIComponent(bothOn)}` },
      sam,
    );
    expect(his.json().shares.map((share: { email: string }) => share.email)).toEqual([SAM]);
  });
});
