import { SlaTimerScheduler } from '../apps/api/src/sla-timers/sla-timer-scheduler';
import { ApiClient, ApiRequest, ApiResponse } from './support/fixtures/api-client';
import {
  licenceIssuePayload,
  NO_PERMISSIONS,
  SetupSteps,
  type LicenceTerms,
} from './support/fixtures/setup-steps';
import { startTestApp, TestApp, TestClock } from './support/test-app';

/**
 * PATCH /v1/licences/{licenceId}: an admin renews a licence, changes its seats, its plan or its
 * edition. Everything that reads licence terms follows the new ones: who may open a case, by which
 * channel, how many seats are left, and the account's Mission Critical cover of its open cases.
 */
describe('changing the terms of a licence (PATCH /v1/licences/{licenceId})', () => {
  const START = '2026-03-02T09:00:00.000Z';
  let t: TestApp;
  let api: ApiClient;
  let steps: SetupSteps;
  let admin: string;
  let engineer: string;
  let accountId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock(new Date(START)) });
    api = new ApiClient(t.app);
    admin = await t.token('adam.admin@vendor.example', ['admin']);
    engineer = await t.token('eve.engineer@vendor.example', ['engineer']);
    steps = new SetupSteps(api, admin, engineer);
    accountId = await steps.registerAccount('Acme');
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.set(START));

  const tokenOf = (email: string) => t.token(email);
  const patch = (licenceId: string, payload: unknown, headers: Record<string, string> = {}): ApiRequest => ({
    method: 'PATCH',
    url: `/v1/licences/${licenceId}`,
    payload,
    headers,
  });
  const getLicence = async (licenceId: string) =>
    (await api.expect(200, { method: 'GET', url: `/v1/licences/${licenceId}` }, admin)).json();

  async function issue(terms: Omit<LicenceTerms, 'holderEmail'>) {
    const payload = licenceIssuePayload({ holderEmail: 'boss@acme.example', ...terms });
    const response = await api.expect(
      201,
      { method: 'POST', url: `/v1/accounts/${accountId}/licences`, payload },
      admin,
    );
    return response.json().id as string;
  }

  /** A licensed user who completed registration. */
  async function activeUser(licenceId: string, email: string) {
    await steps.addLicensedUser(licenceId, email, NO_PERMISSIONS, await tokenOf(email));
  }

  /** The holder invites a user with no permissions: how the specs meet a licence's seat limit. */
  const holderInvites = async (licenceId: string, email: string, firstName: string, lastName: string) =>
    api.send(
      {
        method: 'POST',
        url: `/v1/licences/${licenceId}/users`,
        payload: { email, firstName, lastName, company: 'Acme', country: 'BG', permissions: NO_PERMISSIONS },
      },
      await tokenOf('boss@acme.example'),
    );

  const webCase = (licenceId: string): ApiRequest => ({
    method: 'POST',
    url: '/v1/cases',
    payload: {
      licenceId,
      title: 'Forms do not save',
      description: 'Since today',
      severity: 3,
      channel: 'web',
    },
  });
  const phoneCase = (licenceId: string, onBehalfOf: string): ApiRequest => ({
    method: 'POST',
    url: '/v1/cases',
    payload: {
      licenceId,
      title: 'Site down',
      description: 'Phoned in',
      severity: 1,
      channel: 'phone',
      onBehalfOf,
    },
  });

  function problemCode(response: ApiResponse, status: number): string {
    expect({ status: response.status, body: response.json() }).toMatchObject({ status });
    expect(response.contentType).toContain('application/problem+json');
    return String(response.json().type).split('/').pop()!;
  }

  describe('renewal', () => {
    it('renews an expired licence: its user, refused while it was expired, opens a case again', async () => {
      const licenceId = await issue({ plan: 'enterprise', activeUntil: '2026-03-31' });
      await activeUser(licenceId, 'ann@acme.example');
      const ann = await tokenOf('ann@acme.example');

      t.clock.set('2026-04-02T12:00:00.000Z');
      expect(problemCode(await api.send(webCase(licenceId), ann), 403)).toBe('licence-expired');
      expect(await getLicence(licenceId)).toMatchObject({ active: false });

      const renewed = await api.expect(
        200,
        patch(licenceId, { activeUntil: '2027-03-31', reason: 'Renewal order 4711' }),
        admin,
      );
      expect(renewed.json()).toEqual({ id: licenceId, revision: expect.any(Number) });
      expect(await getLicence(licenceId)).toMatchObject({
        activeUntil: '2027-03-31',
        expiresAt: '2027-04-01T12:00:00.000Z',
        active: true,
      });
      await api.expect(201, webCase(licenceId), ann);

      // The same renewal again changes nothing and records nothing (as other no-op commands).
      const again = await api.expect(200, patch(licenceId, { activeUntil: '2027-03-31' }), admin);
      expect(again.json().revision).toBe(renewed.json().revision);
    });

    it('ends a licence early when an admin moves activeUntil into the past, until it is renewed', async () => {
      const licenceId = await issue({ plan: 'enterprise' });
      await activeUser(licenceId, 'bea@acme.example');
      const bea = await tokenOf('bea@acme.example');
      await api.expect(201, webCase(licenceId), bea);

      // An instant ends it then; a date would leave it active until that day has ended everywhere.
      const ended = { activeUntil: '2026-03-02T08:00:00Z', reason: 'Contract terminated' };
      await api.expect(200, patch(licenceId, ended), admin);
      expect(await getLicence(licenceId)).toMatchObject({ activeUntil: ended.activeUntil, active: false });
      expect(problemCode(await api.send(webCase(licenceId), bea), 403)).toBe('licence-expired');

      await api.expect(200, patch(licenceId, { activeUntil: '2027-03-01' }), admin);
      await api.expect(201, webCase(licenceId), bea);
    });
  });

  describe('seats', () => {
    let licenceId: string;

    beforeAll(async () => {
      licenceId = await issue({ plan: 'enterprise', seats: 5 });
      await activeUser(licenceId, 'cid@acme.example');
      await steps.addLicensedUser(licenceId, 'pete.pending@acme.example');
      await steps.addLicensedUser(licenceId, 'paula.pending@acme.example');
    });

    it('refuses to reduce seats below the users holding them (pending ones too): 409 naming how many', async () => {
      const before = await getLicence(licenceId);
      const response = await api.send(patch(licenceId, { seats: 2 }), admin);
      expect(problemCode(response, 409)).toBe('seats-below-holders');
      expect(response.json().detail).toContain('3 users hold seats');
      expect(response.json().errors).toEqual([expect.objectContaining({ field: 'seats' })]);
      expect(await getLicence(licenceId)).toMatchObject({ seats: 5, revision: before.revision });
    });

    it('reduces seats to the users holding them; the seat counts and pending invitations follow', async () => {
      await api.expect(200, patch(licenceId, { seats: 3 }), admin);
      expect(await getLicence(licenceId)).toMatchObject({ seats: 3, seatsUsed: 3, seatsLeft: 0 });
      const pending = await api.expect(
        200,
        { method: 'GET', url: `/v1/licences/${licenceId}/pending-invitations?olderThanHours=0` },
        admin,
      );
      expect(
        pending
          .json()
          .invitations.map((user: { email: string }) => user.email)
          .sort(),
      ).toEqual(['paula.pending@acme.example', 'pete.pending@acme.example']);

      // Full: the holder is told what they can do about it.
      const invite = await holderInvites(licenceId, 'dan@acme.example', 'Dan', 'Example');
      expect(problemCode(invite, 409)).toBe('seat-limit-reached');
      expect(invite.json().detail).toMatch(/account manager/);
      // The user who does not fit, beside the field a console shows it by.
      expect(invite.json().errors).toEqual([expect.objectContaining({ field: 'email' })]);
    });

    it('goes unlimited and back to a number', async () => {
      await api.expect(200, patch(licenceId, { seats: 'unlimited' }), admin);
      expect(await getLicence(licenceId)).toMatchObject({ seats: 'unlimited', seatsLeft: 'unlimited' });
      await api.expect(200, patch(licenceId, { seats: 10 }), admin);
      expect(await getLicence(licenceId)).toMatchObject({ seats: 10, seatsLeft: 7 });
    });
  });

  describe('plan', () => {
    it('an upgrade to mission-critical brings phone support and makes the account’s open cases Mission Critical; a downgrade takes both away', async () => {
      const scheduler = t.app.get(SlaTimerScheduler);
      const licenceId = await issue({ plan: 'standard' });
      await activeUser(licenceId, 'dora@acme.example');
      const caseId = (await api.expect(201, webCase(licenceId), await tokenOf('dora@acme.example'))).json()
        .id;
      const missionCritical = async () =>
        (await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}` }, engineer)).json().priority
          .missionCritical;
      const missionCriticalQueue = async () =>
        (await api.expect(200, { method: 'GET', url: '/v1/queues/mission-critical?limit=100' }, engineer))
          .json()
          .items.map((item: { id: string }) => item.id);

      expect(problemCode(await api.send(phoneCase(licenceId, 'dora@acme.example'), engineer), 403)).toBe(
        'channel-not-entitled',
      );
      expect(await missionCritical()).toBe(false);

      await api.expect(
        200,
        patch(licenceId, { plan: 'mission-critical', edition: 'Mission Critical' }),
        admin,
      );
      expect(await getLicence(licenceId)).toMatchObject({
        plan: 'mission-critical',
        edition: 'Mission Critical',
      });
      const phoned = await api.expect(201, phoneCase(licenceId, 'dora@acme.example'), engineer);
      // A case opened under the new plan is Mission Critical from the start...
      expect(
        (await api.expect(200, { method: 'GET', url: `/v1/cases/${phoned.json().id}` }, engineer)).json()
          .priority.missionCritical,
      ).toBe(true);
      // ...and the review brings the case already open into the cover.
      await scheduler.reviewMissionCritical();
      expect(await missionCritical()).toBe(true);
      expect(await missionCriticalQueue()).toContain(caseId);
      expect(
        (await api.expect(200, { method: 'GET', url: `/v1/accounts/${accountId}` }, admin)).json(),
      ).toMatchObject({ missionCritical: true });

      // The downgrade: the account holds no mission-critical licence any more, so its cases drop back.
      await api.expect(200, patch(licenceId, { plan: 'standard', reason: 'Downgrade at renewal' }), admin);
      await getLicence(licenceId);
      await scheduler.reviewMissionCritical();
      expect(await missionCritical()).toBe(false);
      expect(await missionCriticalQueue()).not.toContain(caseId);
      expect(problemCode(await api.send(phoneCase(licenceId, 'dora@acme.example'), engineer), 403)).toBe(
        'channel-not-entitled',
      );
    });
  });

  describe('who may change terms', () => {
    let licenceId: string;

    beforeAll(async () => {
      licenceId = await issue({ plan: 'enterprise' });
      await steps.addLicensedUser(
        licenceId,
        'mia.manager@acme.example',
        { ...NO_PERMISSIONS, manageUsers: true },
        await tokenOf('mia.manager@acme.example'),
      );
      // A CSM knows the licences of the accounts they are designated for only (else 404, below).
      await steps.assignCsm(accountId, 'carla.csm@vendor.example');
    });

    it.each([
      ['an engineer', 'eve.engineer@vendor.example', ['engineer']],
      ["the account's CSM", 'carla.csm@vendor.example', ['csm']],
      ['an auditor', 'audrey@vendor.example', ['auditor']],
      ['the licence holder', 'boss@acme.example', []],
      ['a licensed user who manages users', 'mia.manager@acme.example', []],
    ] as const)('refuses %s: 403, and nothing changes', async (_who, email, roles) => {
      const before = await getLicence(licenceId);
      const response = await api.send(patch(licenceId, { seats: 50 }), await t.token(email, [...roles]));
      expect(problemCode(response, 403)).toBe('licence-terms-change-requires-admin');
      expect(await getLicence(licenceId)).toMatchObject({ seats: 'unlimited', revision: before.revision });
    });

    it('answers a CSM of another account as for a licence that does not exist: 404', async () => {
      const response = await api.send(
        patch(licenceId, { seats: 50 }),
        await t.token('colin.csm@vendor.example', ['csm']),
      );
      expect(problemCode(response, 404)).toBe('licence-not-found');
    });

    it('refuses a request without a token: 401', async () => {
      expect((await api.send(patch(licenceId, { seats: 50 }))).status).toBe(401);
    });

    it('answers 404 for a licence that does not exist', async () => {
      expect(
        problemCode(await api.send(patch('00000000-0000-4000-8000-000000000000', { seats: 50 }), admin), 404),
      ).toBe('licence-not-found');
    });
  });

  describe('bad input', () => {
    let licenceId: string;

    beforeAll(async () => {
      licenceId = await issue({ plan: 'enterprise' });
    });

    it.each([
      ['an instant without offset', { activeUntil: '2027-12-31T18:00:00' }, 'activeUntil'],
      ['a blank edition', { edition: ' ' }, 'edition'],
      ['a blank reason', { seats: 9, reason: '' }, 'reason'],
      ['a good term beside a bad one', { activeUntil: '2031-12-31', edition: '\u202eLicense' }, 'edition'],
    ])('%s: 422 naming %s, and nothing recorded', async (_what, payload, field) => {
      const before = await t.runtime.storage.eventStore.headPosition();
      const response = await api.send(patch(licenceId, payload), admin);
      expect(response.status).toBe(422);
      expect(response.contentType).toContain('application/problem+json');
      expect(response.json().errors).toEqual([expect.objectContaining({ field })]);
      expect(await t.runtime.storage.eventStore.headPosition()).toBe(before);
    });

    // A value the document's schema refuses (wrong JSON type, no such plan, out of the seat range,
    // no date, too long) is a 400 `validation` naming the field, as at issuance and on every route;
    // what only the licence's rules refuse stays a 422 (above).
    it.each([
      ['a plan that is none', { plan: 'gold' }, 'plan'],
      ['no seats', { seats: 0 }, 'seats'],
      ['more seats than counted', { seats: 1_000_001 }, 'seats'],
      ['an activeUntil that is no date', { activeUntil: 'tomorrow' }, 'activeUntil'],
      ['a day that does not exist', { activeUntil: '2027-02-30' }, 'activeUntil'],
      ['an empty edition', { edition: '' }, 'edition'],
      ['an edition too long', { edition: 'E'.repeat(201) }, 'edition'],
      ['a bad term beside a good one', { activeUntil: '2031-12-31', seats: -1 }, 'seats'],
      ['seats as a numeric string', { seats: '10' }, 'seats'],
      ['seats as words', { seats: 'ten' }, 'seats'],
      ['seats as a boolean', { seats: true }, 'seats'],
      ['fractional seats', { seats: 2.5 }, 'seats'],
      ['a plan as a number', { plan: 5 }, 'plan'],
      ['no plan (null)', { plan: null }, 'plan'],
      ['an activeUntil as a number', { activeUntil: 20271231 }, 'activeUntil'],
      ['an edition as an object', { edition: { name: 'Enterprise' } }, 'edition'],
      ['a wrong type beside a good term', { activeUntil: '2031-12-31', seats: '9' }, 'seats'],
      ['a date whose end falls in the year 10000', { activeUntil: '9999-12-31' }, 'activeUntil'],
      [
        'an instant in the year 10000 once in UTC',
        { activeUntil: '9999-12-31T23:00:00-05:00' },
        'activeUntil',
      ],
    ])('%s: 400 validation naming %s, and nothing recorded', async (_what, payload, field) => {
      const before = await t.runtime.storage.eventStore.headPosition();
      const response = await api.send(patch(licenceId, payload), admin);
      expect(problemCode(response, 400)).toBe('validation');
      expect(response.json().errors).toEqual([expect.objectContaining({ field })]);
      expect(await t.runtime.storage.eventStore.headPosition()).toBe(before);
    });

    // One bad value, one answer: the same status, problem type and field whether the licence is
    // being issued or changed. Before, issuance answered 400 `validation` and the change 422.
    it.each([
      ['a plan that is none', { plan: 'gold' }, 400],
      ['an empty plan', { plan: '' }, 400],
      ['no seats', { seats: 0 }, 400],
      ['negative seats', { seats: -1 }, 400],
      ['more seats than counted', { seats: 1_000_001 }, 400],
      ['an activeUntil that is no date', { activeUntil: 'tomorrow' }, 400],
      ['a day that does not exist', { activeUntil: '2027-02-30' }, 400],
      ['an empty edition', { edition: '' }, 400],
      ['an edition too long', { edition: 'E'.repeat(201) }, 400],
      ['seats as a numeric string', { seats: '10' }, 400],
      ['a date whose end falls in the year 10000', { activeUntil: '9999-12-31' }, 400],
      ['an instant without offset', { activeUntil: '2027-12-31T18:00:00' }, 422],
      ['a blank edition', { edition: '   ' }, 422],
      ['a control character in the edition', { edition: 'Enterprise\u0000' }, 422],
    ])('%s %j: issuing and changing a licence answer alike, %d', async (_what, term, status) => {
      const issuing: ApiRequest = {
        method: 'POST',
        url: `/v1/accounts/${accountId}/licences`,
        payload: {
          ...licenceIssuePayload({ plan: 'enterprise', holderEmail: 'boss@acme.example' }),
          ...term,
        },
      };
      const answers = [await api.send(issuing, admin), await api.send(patch(licenceId, term), admin)].map(
        (response) => ({
          status: response.status,
          type: response.json().type,
          fields: response.json().errors?.map((error: { field: string }) => error.field),
        }),
      );
      expect(answers[0]).toEqual(answers[1]);
      expect(answers[0]).toMatchObject({ status, fields: Object.keys(term) });
    });

    it.each([
      ['an empty object', {}],
      ['a reason alone', { reason: 'Renewal' }],
    ])('no term to change (%s): 422 saying which terms there are', async (_what, payload) => {
      const response = await api.send(patch(licenceId, payload), admin);
      expect(problemCode(response, 422)).toBe('licence-terms-required');
      expect(response.json().detail).toMatch(/activeUntil, seats, plan or edition/);
    });

    it('no body at all: 422 as an empty change', async () => {
      const response = await api.send({ method: 'PATCH', url: `/v1/licences/${licenceId}` }, admin);
      expect(problemCode(response, 422)).toBe('licence-terms-required');
    });

    it('a field the route does not take: 400 naming it, as on every route', async () => {
      for (const payload of [{ seats: 9, holderEmail: 'x@acme.example' }, { product: 'Other' }]) {
        const response = await api.send(patch(licenceId, payload), admin);
        expect(response.status).toBe(400);
        expect(response.json().errors.map((error: { field: string }) => error.field)).toEqual([
          Object.keys(payload).find((key) => key !== 'seats'),
        ]);
      }
    });
  });

  describe('activeUntil: a date, an instant, and the last one there is', () => {
    it('ends a licence at an instant given, and after the whole day of a date given, as the OpenAPI says', async () => {
      const atInstant = await issue({ plan: 'enterprise', activeUntil: '2027-12-31T00:00:00Z' });
      const byDate = await issue({ plan: 'enterprise', activeUntil: '2027-12-31' });
      expect(await getLicence(atInstant)).toMatchObject({ expiresAt: '2027-12-31T00:00:00.000Z' });
      expect(await getLicence(byDate)).toMatchObject({ expiresAt: '2028-01-01T12:00:00.000Z' });

      const document = (await api.expect(200, { method: 'GET', url: '/docs-json' })).json();
      for (const schema of ['IssueLicenceDto', 'ChangeLicenceTermsDto']) {
        const { description } = document.components.schemas[schema].properties.activeUntil;
        expect({ schema, description }).toEqual({
          schema,
          description: expect.stringContaining(
            'An ISO-8601 instant with its offset is taken as the exact end: 2027-12-31T00:00:00Z ends the licence at the start of 31 December UTC, 36 hours before the date 2027-12-31 does',
          ),
        });
        expect(description).toContain("covers that whole day everywhere, the account's time zone included");
      }
    });

    it('refuses 9999-12-31, whose day ends in the year 10000, naming the latest date; takes 9999-12-30', async () => {
      const issuing = (activeUntil: string): ApiRequest => ({
        method: 'POST',
        url: `/v1/accounts/${accountId}/licences`,
        payload: {
          product: 'Sitefinity',
          edition: 'Online Marketing License',
          plan: 'enterprise',
          activeUntil,
          holderEmail: 'boss@acme.example',
        },
      });
      const refused = await api.send(issuing('9999-12-31'), admin);
      expect(problemCode(refused, 400)).toBe('validation');
      expect(refused.json().errors).toEqual([
        expect.objectContaining({
          field: 'activeUntil',
          message: expect.stringContaining(
            'activeUntil 9999-12-31 would end the licence at +010000-01-01T12:00:00.000Z, after the year 9999: the latest is the date 9999-12-30',
          ),
        }),
      ]);

      const latest = (await api.expect(201, issuing('9999-12-30'), admin)).json().id as string;
      expect(await getLicence(latest)).toMatchObject({ expiresAt: '9999-12-31T12:00:00.000Z', active: true });
      const lastInstant = (await api.expect(201, issuing('9999-12-31T23:59:59.999Z'), admin)).json().id;
      expect(await getLicence(lastInstant)).toMatchObject({ expiresAt: '9999-12-31T23:59:59.999Z' });
    });

    it('tells the holder of a one-seat licence that its only seat is taken, not "all 1 seats"', async () => {
      const licenceId = await issue({ plan: 'enterprise', seats: 1 });
      await steps.addLicensedUser(licenceId, 'sole.pending@acme.example');
      const invite = await holderInvites(licenceId, 'second@acme.example', 'Sec', 'Ond');
      expect(problemCode(invite, 409)).toBe('seat-limit-reached');
      expect(invite.json().detail).toMatch(
        /^The only seat of this licence is taken by a pending or active user; /,
      );
    });
  });

  it('is in the OpenAPI document, with its fields', async () => {
    const document = (await api.expect(200, { method: 'GET', url: '/docs-json' })).json();
    const operation = document.paths['/v1/licences/{licenceId}'].patch;
    expect(Object.keys(operation.responses)).toEqual(
      expect.arrayContaining(['200', '403', '404', '409', '422']),
    );
    const ref: string = operation.requestBody.content['application/json'].schema.$ref;
    const schema = document.components.schemas[ref.split('/').pop()!];
    expect(Object.keys(schema.properties).sort()).toEqual([
      'activeUntil',
      'edition',
      'plan',
      'reason',
      'seats',
    ]);
  });
});
