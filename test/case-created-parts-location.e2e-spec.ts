import type { ApiClient, ApiRequest } from './support/fixtures/api-client';
import { undeclaredIn } from './support/openapi/declared-response';
import { OpenApiDocument } from './support/openapi/openapi-document';
import { OpenApiValidator } from './support/openapi/openapi-validator';
import { useAcmeWithJane } from './support/fixtures/acme-with-jane';
import type { SetupSteps } from './support/fixtures/setup-steps';
import type { TestApp } from './support/test-app';

/**
 * The 201 of a command that adds to a case (a comment, a share, an escalation, a status update)
 * names what it added in its Location, and that URL answers GET with it, to whoever may see the
 * case, as the detail and history show it to them; a stranger gets the case's 404. Before, every
 * one of them pointed at the case.
 */
describe('case sub-resource commands: Location names what was created, and GET answers it', () => {
  let t: TestApp;
  let api: ApiClient;
  let setup: SetupSteps;
  let licenceId: string;
  let jane: string;
  let engineer: string;
  let stranger: string;
  let caseId: string;

  useAcmeWithJane(async (setting) => {
    ({ t, api, setup, licenceId, jane, engineer } = setting);
  });

  beforeAll(async () => {
    stranger = await t.token('mallory@elsewhere.example');
    caseId = (
      await api.expect(
        201,
        {
          method: 'POST',
          url: '/v1/cases',
          payload: {
            licenceId: (await api.expect(200, { method: 'GET', url: '/v1/licences' }, jane)).json().items[0]
              .id,
            title: 'Checkout fails',
            description: 'HTTP 500',
            severity: 2,
            channel: 'web',
          },
        },
        jane,
      )
    ).json().id;
  });

  const on = (part: string) => `/v1/cases/${caseId}/${part}`;

  /** Sends the command, insists on 201, and returns its Location after checking it is not the case's own. */
  async function created(token: string, request: Omit<ApiRequest, 'method'>): Promise<string> {
    const response = await api.expect(201, { method: 'POST', ...request }, token);
    const location = String(response.headers.location);
    expect(location).not.toBe(`/v1/cases/${caseId}`);
    expect(location.startsWith(`/v1/cases/${caseId}/`)).toBe(true);
    return location;
  }

  const read = (token: string, url: string, status = 200) =>
    api.expect(status, { method: 'GET', url }, token);

  /** A stranger following the Location gets what they get for the case itself: 404. */
  async function hiddenFromStranger(location: string) {
    await read(stranger, `/v1/cases/${caseId}`, 404);
    const refused = await read(stranger, location, 404);
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
  }

  it('a comment: GET of its Location is the comment, its text as the history shows it', async () => {
    const location = await created(jane, { url: on('comments'), payload: { body: 'Still failing' } });
    expect(location).toMatch(/\/comments\/[0-9a-f-]{36}$/);
    const comment = (await read(jane, location)).json();
    expect(comment).toMatchObject({
      caseId,
      body: 'Still failing',
      internal: false,
      author: 'jane@acme.example',
    });
    expect(location.endsWith(comment.commentId)).toBe(true);
    const history = (await read(jane, on('history'))).json().events;
    const entry = history.find(
      (event: { data: { commentId?: string } }) => event.data.commentId === comment.commentId,
    );
    expect(entry).toMatchObject({ revision: comment.revision, data: { body: 'Still failing' } });
    await hiddenFromStranger(location);
  });

  it('an internal note: staff read its text; the customer gets it withheld, as in the history', async () => {
    const location = await created(engineer, {
      url: on('comments'),
      payload: { body: 'Looks like the payment plugin', internal: true },
    });
    expect((await read(engineer, location)).json()).toMatchObject({
      body: 'Looks like the payment plugin',
      internal: true,
    });
    const seenByJane = (await read(jane, location)).json();
    expect(seenByJane).toMatchObject({ internal: true, redacted: 'internal note' });
    expect(seenByJane.body).toBeUndefined();
    expect(JSON.stringify(seenByJane)).not.toContain('payment plugin');
    await hiddenFromStranger(location);
  });

  it('a share: GET of its Location is the share as the detail shows it, with the ETag DELETE takes', async () => {
    const location = await created(engineer, {
      url: on('shares'),
      payload: { email: 'Sam@Partner.example', name: 'Sam' },
    });
    const share = await read(jane, location);
    expect(share.json()).toMatchObject({
      caseId,
      email: 'sam@partner.example',
      name: 'Sam',
      sharedBy: 'eve@vendor.example',
    });
    const detail = await read(jane, `/v1/cases/${caseId}`);
    expect(share.headers.etag).toBe(detail.headers.etag);
    // The person it was shared with reads it too.
    await read(await t.token('sam@partner.example'), location);
    await hiddenFromStranger(location);
  });

  it('an escalation and its status update: each Location answers with it; a superseded level stays readable', async () => {
    const level1 = await created(jane, {
      url: on('escalations'),
      payload: { reason: 'production-impact', details: 'Orders are lost' },
    });
    expect(level1).toBe(on('escalations/1'));
    expect((await read(jane, level1)).json()).toMatchObject({
      caseId,
      level: 1,
      reason: 'production-impact',
      details: 'Orders are lost',
      status: 'awaiting-acknowledgement',
      superseded: false,
    });
    await api.expect(200, { method: 'POST', url: on('escalations/acknowledgement') }, engineer);
    const update = await created(engineer, {
      url: on('escalations/status-updates'),
      payload: { body: 'On it' },
    });
    expect(update).toMatch(/\/escalations\/status-updates\/\d+$/);
    expect((await read(jane, update)).json()).toMatchObject({
      caseId,
      level: 1,
      body: 'On it',
      postedBy: 'eve@vendor.example',
    });
    await hiddenFromStranger(level1);
    await hiddenFromStranger(update);

    const level2 = await created(engineer, {
      url: on('escalations'),
      payload: { reason: 'business-operations-risk', details: 'Now the shop is down' },
    });
    expect(level2).toBe(on('escalations/2'));
    expect((await read(jane, level2)).json()).toMatchObject({ level: 2, superseded: false });
    const detail = (await read(jane, `/v1/cases/${caseId}`)).json();
    const { caseId: _caseId, superseded: _superseded, ...asInDetail } = (await read(jane, level2)).json();
    expect(asInDetail).toEqual(detail.escalation);
    // Level 2 replaced it: it owes nothing since, as the escalations board shows it.
    const superseded = await read(jane, level1);
    expect(superseded.json()).toMatchObject({
      level: 1,
      status: 'superseded',
      details: 'Orders are lost',
      acknowledgedBy: 'eve@vendor.example',
      lastStatusUpdateAt: expect.any(String),
      endedAt: (await read(jane, level2)).json().escalatedAt,
      endedBy: 'eve@vendor.example',
      endReason: 'superseded by level 2',
      nextStatusUpdateDueAt: null,
      superseded: true,
    });
    const docs = await OpenApiDocument.of(t.app);
    expect(undeclaredIn(docs, new OpenApiValidator(docs), 'GET', level1, superseded)).toEqual([]);
  });

  /**
   * An ended level tells its whole story, as its row on the escalations board does: who acknowledged
   * it and when, its last status update, and when, by whom and why it ended; nothing is owed on it
   * any more. Before, a de-escalated level, or one the customer's closure ended, lost its
   * acknowledgement and last update, and never said who ended it.
   */
  it.each([
    [
      'de-escalated by the engineer',
      'eve@vendor.example',
      async (url: (part: string) => string) => {
        await api.expect(
          200,
          { method: 'POST', url: url('escalations/de-escalation'), payload: { reason: 'Stable now' } },
          engineer,
        );
      },
    ],
    [
      "ended by the customer's closure",
      'jane@acme.example',
      async (url: (part: string) => string) => {
        await api.expect(
          200,
          { method: 'POST', url: url('resolution'), payload: { summary: 'Fixed the plugin' } },
          engineer,
        );
        await api.expect(200, { method: 'POST', url: url('closure') }, jane);
      },
    ],
  ])(
    'a level %s keeps who acknowledged it and its last update, and says who ended it, as the board does',
    async (_how, endedBy, end) => {
      const endedCase = await setup.openWebCase(licenceId, jane, 'Orders are lost');
      const url = (part: string) => `/v1/cases/${endedCase}/${part}`;
      const level = url('escalations/1');
      await api.expect(
        201,
        {
          method: 'POST',
          url: url('escalations'),
          payload: { reason: 'production-impact', details: 'Orders are lost' },
        },
        jane,
      );
      await api.expect(200, { method: 'POST', url: url('escalations/acknowledgement') }, engineer);
      await api.expect(
        201,
        { method: 'POST', url: url('escalations/status-updates'), payload: { body: 'On it' } },
        engineer,
      );
      await end(url);

      const board = (await read(engineer, '/v1/escalations?state=all')).json();
      const row = board.items.find((item: { caseId: string }) => item.caseId === endedCase);
      expect(row).toMatchObject({ status: 'de-escalated', acknowledgedBy: 'eve@vendor.example', endedBy });
      const view = await read(jane, level);
      expect(view.json()).toMatchObject({
        level: 1,
        status: 'de-escalated',
        acknowledgedAt: row.acknowledgedAt,
        acknowledgedBy: row.acknowledgedBy,
        lastStatusUpdateAt: row.lastStatusUpdateAt,
        nextStatusUpdateDueAt: null,
        endedAt: row.endedAt,
        endedBy: row.endedBy,
        endReason: row.endReason,
        superseded: false,
      });
      expect(row.lastStatusUpdateAt).toEqual(expect.any(String));
      const docs = await OpenApiDocument.of(t.app);
      expect(undeclaredIn(docs, new OpenApiValidator(docs), 'GET', level, view)).toEqual([]);
    },
  );

  it('an idempotent replay names the same Location; the commands’ own paths keep answering GET with 405', async () => {
    const request = {
      url: on('comments'),
      payload: { body: 'Once' },
      headers: { 'idempotency-key': 'once' },
    };
    const first = await created(jane, request);
    expect(await created(jane, request)).toBe(first);
    const ack = await t.app.inject({
      method: 'GET',
      url: on('escalations/acknowledgement'),
      headers: { authorization: `Bearer ${engineer}` },
    });
    expect(ack.statusCode).toBe(405);
    await read(jane, on('escalations/9'), 404);
    await read(jane, on('comments/0190a5c2-0000-7000-8000-000000000000'), 404);
  });

  it.each([
    ['escalations/-1', 'level'],
    ['escalations/x', 'level'],
    ['escalations/1.0', 'level'],
    ['escalations/99999999999999999999', 'level'],
    ['escalations/status-updates/-1', 'revision'],
    ['escalations/status-updates/x', 'revision'],
    ['escalations/status-updates/1.0', 'revision'],
    ['escalations/status-updates/99999999999999999999', 'revision'],
  ])('a malformed number in %s is a 400 naming %s, as a malformed comment id is', async (part, field) => {
    for (const token of [jane, stranger]) {
      const response = await read(token, on(part), 400);
      expect(response.contentType).toMatch(/^application\/problem\+json/);
      expect(response.json().errors).toEqual([
        { field, message: expect.stringContaining(`${field} must be`) },
      ]);
    }
  });

  it('the commands’ own paths under escalations still answer GET with 405; 01 and 07 still name 1 and 7', async () => {
    for (const part of [
      'escalations/acknowledgement',
      'escalations/status-updates',
      'escalations/de-escalation',
    ]) {
      const response = await api.send({ method: 'GET', url: on(part) }, engineer);
      expect({ part, status: response.status }).toEqual({ part, status: 405 });
    }
    await read(jane, on('escalations/01'));
  });
});
