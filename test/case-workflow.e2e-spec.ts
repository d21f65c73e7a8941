import { startTestApp, TestApp } from './support/test-app';

/**
 * A case's life through the HTTP API: severity change, first response, escalation, queues,
 * optimistic concurrency, idempotent repeats, history with hashes, and the as-of view.
 */
describe('case workflow over HTTP', () => {
  let t: TestApp;
  let tokens: Record<'admin' | 'engineer' | 'customer' | 'stranger', string>;
  let licenceId: string;
  let accountId: string;
  const auth = (token: string, extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${token}`,
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp();
    tokens = {
      admin: await t.token('admin@vendor.example', ['admin']),
      engineer: await t.token('eve@vendor.example', ['engineer'], 'Eve Engineer'),
      customer: await t.token('jane.doe@acme.example', [], 'Jane Doe'),
      stranger: await t.token('mallory@evil.example'),
    };
    const account = await t.app.inject({
      method: 'POST',
      url: '/v1/accounts',
      headers: auth(tokens.admin),
      payload: { name: 'Acme' },
    });
    const licence = await t.app.inject({
      method: 'POST',
      url: `/v1/accounts/${account.json().id}/licences`,
      headers: auth(tokens.admin),
      payload: {
        product: 'Sitefinity',
        edition: 'OML',
        plan: 'enterprise',
        activeUntil: '2030-12-31',
        holderEmail: 'boss@acme.example',
      },
    });
    licenceId = licence.json().id;
    accountId = account.json().id;
    await t.app.inject({
      method: 'POST',
      url: `/v1/licences/${licenceId}/users`,
      headers: auth(tokens.admin),
      payload: {
        email: 'jane.doe@acme.example',
        firstName: 'Jane',
        lastName: 'Doe',
        company: 'Acme',
        country: 'BG',
        permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
      },
    });
    await t.app.inject({
      method: 'POST',
      url: `/v1/licences/${licenceId}/users/jane.doe@acme.example/activation`,
      headers: auth(tokens.admin),
    });
  });

  afterAll(() => t.close());

  async function openCase(severity = 2): Promise<string> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: auth(tokens.customer),
      payload: {
        licenceId,
        title: 'Checkout fails',
        description: 'HTTP 500 on checkout',
        severity,
        channel: 'web',
      },
    });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  }

  it('runs a case from opening to resolution and shows every step in its hash-chained history', async () => {
    const caseId = await openCase();
    const post = (path: string, token: string, payload?: object, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/v1/cases/${caseId}${path}`,
        headers: auth(token, headers),
        payload,
      });

    expect(
      (await post('/severity', tokens.customer, { severity: 1, reason: 'It is urgent' })).statusCode,
    ).toBe(403);
    expect(
      (await post('/severity', tokens.engineer, { severity: 3, reason: 'A question, really' })).statusCode,
    ).toBe(200);
    expect((await post('/assignment', tokens.engineer, { engineer: 'eve@vendor.example' })).statusCode).toBe(
      200,
    );
    expect(
      (
        await post('/comments', tokens.engineer, {
          body: 'Internal: looks like a config issue',
          internal: true,
        })
      ).statusCode,
    ).toBe(201);
    expect((await post('/comments', tokens.engineer, { body: 'We are looking into it' })).statusCode).toBe(
      201,
    );
    expect(
      (await post('/escalations', tokens.customer, { reason: 'low-satisfaction', details: 'Too slow' }))
        .statusCode,
    ).toBe(201);
    // Sent like curl does: a JSON content type and no body at all.
    expect(
      (
        await post('/escalations/acknowledgement', tokens.engineer, undefined, {
          'content-type': 'application/json',
        })
      ).statusCode,
    ).toBe(200);
    expect((await post('/resolution', tokens.engineer, { summary: 'Fixed the config' })).statusCode).toBe(
      200,
    );

    const detail = (
      await t.app.inject({ method: 'GET', url: `/v1/cases/${caseId}`, headers: auth(tokens.customer) })
    ).json();
    expect(detail).toMatchObject({ status: 'resolved', severity: 3, assignee: 'eve@vendor.example' });
    expect(detail.sla.firstResponse.state).toBe('met');
    expect(detail.escalation).toMatchObject({ level: 1 });

    const staffHistory = (
      await t.app.inject({
        method: 'GET',
        url: `/v1/cases/${caseId}/history`,
        headers: auth(tokens.engineer),
      })
    ).json();
    const types = staffHistory.events.map((event: { type: string }) => event.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'CaseOpened',
        'SeverityChanged',
        'EngineerAssigned',
        'CommentAdded',
        'FirstResponseGiven',
        'CaseEscalated',
        'EscalationAcknowledged',
        'CaseResolved',
      ]),
    );
    for (const event of staffHistory.events) {
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
      // The fields API.md names for every history entry.
      expect(event).toEqual(
        expect.objectContaining({
          type: expect.any(String),
          data: expect.any(Object),
          actor: expect.any(String),
          time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          position: expect.any(Number),
        }),
      );
    }
    expect(
      staffHistory.events.find((event: { type: string }) => event.type === 'SeverityChanged').reason,
    ).toBe('A question, really');

    const customerHistory = (
      await t.app.inject({
        method: 'GET',
        url: `/v1/cases/${caseId}/history`,
        headers: auth(tokens.customer),
      })
    ).json();
    expect(JSON.stringify(customerHistory)).not.toContain('config issue');
    expect(customerHistory.events).toHaveLength(staffHistory.events.length);
    // The note is hashed with a salt only staff see, so the customer's view of its hash confirms no
    // guess of its text.
    const isNote = (event: { type: string; data: { internal?: boolean } }) =>
      event.type === 'CommentAdded' && event.data.internal === true;
    const staffNote = staffHistory.events.find(isNote);
    const customerNote = customerHistory.events.find(isNote);
    expect(staffNote.data.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(customerNote.hash).toBe(staffNote.hash);
    expect(customerNote.data).not.toHaveProperty('salt');
    expect(customerNote.data).not.toHaveProperty('body');
  });

  it('shows the case exactly as it stood at an earlier instant', async () => {
    const caseId = await openCase();
    // As-of cuts on when events happened (their `at`, the app's clock): the change comes later.
    const openedAt = (
      await t.app.inject({
        method: 'GET',
        url: `/v1/cases/${caseId}/history`,
        headers: auth(tokens.engineer),
      })
    ).json().events[0].data.at;
    t.clock.advance(1_000);
    await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/severity`,
      headers: auth(tokens.engineer),
      payload: { severity: 3, reason: 'Cosmetic' },
    });
    const asOf = await t.app.inject({
      method: 'GET',
      url: `/v1/cases/${caseId}?asOf=${encodeURIComponent(openedAt)}`,
      headers: auth(tokens.customer),
    });
    expect(asOf.statusCode).toBe(200);
    expect(asOf.json()).toMatchObject({ severity: 2, revision: 0, asOf: openedAt });
    const before = await t.app.inject({
      method: 'GET',
      url: `/v1/cases/${caseId}?asOf=2000-01-01T00:00:00Z`,
      headers: auth(tokens.customer),
    });
    expect(before.statusCode).toBe(404);

    // The detail's openedAt (when the opening was decided, before the store recorded it) is the
    // instant the case begins: a millisecond before it the answer says when its first event happened.
    const live = await t.app.inject({
      method: 'GET',
      url: `/v1/cases/${caseId}`,
      headers: auth(tokens.engineer),
    });
    expect(live.json().openedAt).toBe(openedAt);
    const justBeforeOpened = new Date(Date.parse(openedAt) - 1).toISOString();
    const early = await t.app.inject({
      method: 'GET',
      url: `/v1/cases/${caseId}?asOf=${encodeURIComponent(justBeforeOpened)}`,
      headers: auth(tokens.engineer),
    });
    expect(early.statusCode).toBe(404);
    expect(early.json().detail).toContain(`its first event happened at ${openedAt}`);
    expect(live.statusCode).toBe(200);
  });

  it("shows the account's case team as it stood then: a member added later is not in an earlier view", async () => {
    const caseId = await openCase();
    // Instants of the app's clock, which stamps when each event happened (what as-of cuts on).
    t.clock.advance(1_000);
    const beforeMember = t.clock.now().toISOString();
    t.clock.advance(1_000);
    const email = `follower-${caseId.slice(0, 8)}@partner.example`;
    const added = await t.app.inject({
      method: 'POST',
      url: `/v1/accounts/${accountId}/case-team`,
      headers: auth(tokens.engineer),
      payload: { email, name: 'Fiona Follower', notify: false },
    });
    expect(added.statusCode).toBeLessThan(300);
    const teamAt = async (url: string) =>
      (
        (await t.app.inject({ method: 'GET', url, headers: auth(tokens.engineer) })).json().team as {
          email: string;
        }[]
      ).map((member) => member.email);
    expect(await teamAt(`/v1/cases/${caseId}?asOf=${encodeURIComponent(beforeMember)}`)).not.toContain(email);
    expect(await teamAt(`/v1/cases/${caseId}`)).toContain(email);
    expect(
      await teamAt(`/v1/cases/${caseId}?asOf=${encodeURIComponent(new Date().toISOString())}`),
    ).toContain(email);
  });

  it('refuses a stale If-Match with 412 and accepts the current revision', async () => {
    const caseId = await openCase();
    const stale = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/comments`,
      headers: auth(tokens.customer, { 'if-match': '"5"' }),
      payload: { body: 'Any news?' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json().detail).toMatch(/^The case is at revision 0, not 5/);
    const staleLicence = await t.app.inject({
      method: 'PATCH',
      url: `/v1/licences/${licenceId}/users/jane.doe@acme.example`,
      headers: auth(tokens.admin, { 'if-match': '"99"' }),
      payload: { permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false } },
    });
    expect(staleLicence.statusCode).toBe(412);
    expect(staleLicence.json().detail).toMatch(/^The licence is at revision \d+, not 99/);
    const weak = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/comments`,
      headers: auth(tokens.customer, { 'if-match': 'W/"0"' }),
      payload: { body: 'Any news?' },
    });
    expect(weak.statusCode).toBe(412);
    const fresh = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/comments`,
      headers: auth(tokens.customer, { 'if-match': '"0"' }),
      payload: { body: 'Any news?' },
    });
    expect(fresh.statusCode).toBe(201);
    expect(fresh.headers.etag).toBe('"1"');
    // A list (RFC 9110): the change goes ahead when the case is at any revision named.
    const listed = (ifMatch: string) =>
      t.app.inject({
        method: 'POST',
        url: `/v1/cases/${caseId}/comments`,
        headers: auth(tokens.customer, { 'if-match': ifMatch }),
        payload: { body: 'Still waiting' },
      });
    const staleList = await listed('"0", W/"1"');
    expect(staleList.statusCode).toBe(412);
    expect(staleList.json().detail).toMatch(/^The case is at revision 1, not 0/);
    expect((await listed('"0", "1"')).statusCode).toBe(201);
  });

  it('compares If-Match byte for byte: the case at revision 10 refuses "010", "+10", " 10" and "1.0e1" (400), takes "10"', async () => {
    const caseId = await openCase();
    const comment = (ifMatch?: string) =>
      t.app.inject({
        method: 'POST',
        url: `/v1/cases/${caseId}/comments`,
        headers: auth(tokens.customer, ifMatch === undefined ? {} : { 'if-match': ifMatch }),
        payload: { body: 'Any news?' },
      });
    for (let revision = 1; revision <= 10; revision++)
      expect((await comment()).headers.etag).toBe(`"${revision}"`);
    const before = await t.runtime.storage.eventStore.headPosition();
    for (const ifMatch of ['"010"', '"00010"', '"+10"', '" 10"', '"1.0e1"', '"9", "010"']) {
      const refused = await comment(ifMatch);
      expect({ ifMatch, status: refused.statusCode }).toEqual({ ifMatch, status: 400 });
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().detail).toMatch(/no leading zeros/);
      expect(refused.json().errors).toEqual([
        { field: 'If-Match', message: expect.stringMatching(/no leading zeros/) },
      ]);
    }
    expect(await t.runtime.storage.eventStore.headPosition()).toBe(before);
    const taken = await comment('"10"');
    expect(taken.statusCode).toBe(201);
    expect(taken.headers.etag).toBe('"11"');
  });

  it('answers a repeated Idempotency-Key with the first response and appends nothing', async () => {
    const request = {
      method: 'POST' as const,
      url: '/v1/cases',
      headers: auth(tokens.customer, { 'idempotency-key': 'open-once-123' }),
      payload: { licenceId, title: 'Once', description: 'Only once', severity: 3, channel: 'web' },
    };
    const first = await t.app.inject(request);
    const again = await t.app.inject(request);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const history = (
      await t.app.inject({
        method: 'GET',
        url: `/v1/cases/${first.json().id}/history`,
        headers: auth(tokens.customer),
      })
    ).json();
    expect(history.events).toHaveLength(1);
    const reused = await t.app.inject({ ...request, payload: { ...request.payload, title: 'Different' } });
    expect(reused.statusCode).toBe(422);
  });

  it('hides cases from people who may not see them, with 404', async () => {
    const caseId = await openCase();
    for (const url of [`/v1/cases/${caseId}`, `/v1/cases/${caseId}/history`]) {
      expect((await t.app.inject({ method: 'GET', url, headers: auth(tokens.stranger) })).statusCode).toBe(
        404,
      );
    }
    const comment = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/comments`,
      headers: auth(tokens.stranger),
      payload: { body: 'hi' },
    });
    expect(comment.statusCode).toBe(404);
    const list = (
      await t.app.inject({ method: 'GET', url: '/v1/cases', headers: auth(tokens.stranger) })
    ).json();
    expect(list.items).toEqual([]);
    const mine = (
      await t.app.inject({ method: 'GET', url: '/v1/cases?limit=200', headers: auth(tokens.customer) })
    ).json();
    expect(mine.items.map((item: { id: string }) => item.id)).toContain(caseId);
  });

  it('orders engineer queues by priority and keeps customers out of them', async () => {
    const sev3 = await openCase(3);
    const sev2 = await openCase(2);
    const queue = await t.app.inject({
      method: 'GET',
      url: '/v1/queues/unassigned?limit=200',
      headers: auth(tokens.engineer),
    });
    expect(queue.statusCode).toBe(200);
    const ids = queue.json().items.map((item: { id: string }) => item.id);
    expect(ids.indexOf(sev2)).toBeLessThan(ids.indexOf(sev3));
    expect(
      (await t.app.inject({ method: 'GET', url: '/v1/queues/unassigned', headers: auth(tokens.customer) }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ method: 'GET', url: '/v1/queues/nonsense', headers: auth(tokens.engineer) }))
        .statusCode,
    ).toBe(404);

    t.clock.advance(40 * 24 * 3600 * 1000);
    const breaching = (
      await t.app.inject({
        method: 'GET',
        url: '/v1/queues/breaching?limit=200',
        headers: auth(tokens.engineer),
      })
    ).json();
    expect(breaching.items.map((item: { id: string }) => item.id)).toEqual(
      expect.arrayContaining([sev2, sev3]),
    );
    t.clock.advance(-40 * 24 * 3600 * 1000);
  });

  it('lists in at-risk a case whose first response is overdue while its resolution is at risk', async () => {
    const unanswered = await openCase(2);
    // Seventeen days later, from any weekday: 11 to 13 business days, so the severity 2 first
    // response (1 business day) is overdue and the resolution (14) past its at-risk share (10.5).
    const later = 17 * 24 * 3600 * 1000;
    t.clock.advance(later);
    try {
      const justOpened = await openCase(2);
      const ids = async (queue: string) =>
        (
          await t.app.inject({
            method: 'GET',
            url: `/v1/queues/${queue}?limit=200`,
            headers: auth(tokens.engineer),
          })
        )
          .json()
          .items.map((item: { id: string }) => item.id);
      const atRisk = await ids('at-risk');
      expect(atRisk).toContain(unanswered);
      expect(atRisk).not.toContain(justOpened);
      expect(await ids('breaching')).toContain(unanswered);
    } finally {
      t.clock.advance(-later);
    }
  });
});
