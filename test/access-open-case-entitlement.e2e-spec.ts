import { randomUUID } from 'node:crypto';
import { ApiClient, ApiRequest, ApiResponse } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * OpenCase entitlement (DOMAIN.md "Licences and licensed users", "Severity and SLA goals"): only an
 * active licensed user of an active licence logs a case, on the web, or an engineer on their
 * behalf by phone when the plan includes phone support. Every other attempt gets its own
 * problem+json answer, so the person knows what to do next.
 */
describe('who may open a case, and the distinct answer for each who may not', () => {
  const EXPIRING_UNTIL = '2026-03-31';
  let t: TestApp;
  let api: ApiClient;
  let steps: SetupSteps;
  let engineer: string;
  const licences = { enterprise: '', expiring: '', standard: '' };
  const people = {
    active: 'ada.active@acme.example',
    pending: 'pat.pending@acme.example',
    removed: 'rex.removed@acme.example',
    expiring: 'ivy.expiring@acme.example',
    webOnly: 'walt.webonly@basic.example',
    otherAccount: 'olga.other@basic.example',
  };
  const tokenOf = (email: string) => t.token(email);

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    engineer = await t.token('eve.engineer@vendor.example', ['engineer']);
    steps = new SetupSteps(api, await t.token('adam.admin@vendor.example', ['admin']), engineer);

    const acme = await steps.registerAccount('Acme');
    const basic = await steps.registerAccount('Basic Ltd');
    licences.enterprise = await steps.issueLicence(acme, {
      plan: 'enterprise',
      holderEmail: 'boss@acme.example',
    });
    licences.expiring = await steps.issueLicence(acme, {
      plan: 'enterprise',
      holderEmail: 'boss@acme.example',
      activeUntil: EXPIRING_UNTIL,
    });
    licences.standard = await steps.issueLicence(basic, {
      plan: 'standard',
      holderEmail: 'owner@basic.example',
    });

    await steps.addLicensedUser(
      licences.enterprise,
      people.active,
      NO_PERMISSIONS,
      await tokenOf(people.active),
    );
    await steps.addLicensedUser(licences.enterprise, people.pending);
    await steps.addLicensedUser(
      licences.enterprise,
      people.removed,
      NO_PERMISSIONS,
      await tokenOf(people.removed),
    );
    await api.expect(
      200,
      { method: 'DELETE', url: `/v1/licences/${licences.enterprise}/users/${people.removed}` },
      await t.token('boss@acme.example'),
    );
    await steps.addLicensedUser(
      licences.expiring,
      people.expiring,
      NO_PERMISSIONS,
      await tokenOf(people.expiring),
    );
    await steps.addLicensedUser(
      licences.standard,
      people.webOnly,
      NO_PERMISSIONS,
      await tokenOf(people.webOnly),
    );
    await steps.addLicensedUser(
      licences.standard,
      people.otherAccount,
      NO_PERMISSIONS,
      await tokenOf(people.otherAccount),
    );
  });

  afterAll(() => t.close());

  const webCase = (licenceId: string, severity = 3): ApiRequest => ({
    method: 'POST',
    url: '/v1/cases',
    payload: {
      licenceId,
      title: 'Forms do not save',
      description: 'Since this morning',
      severity,
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

  /** The problem's code (the last segment of its `type`), checked to be a problem+json answer. */
  function problemCode(response: ApiResponse, status: number): string {
    expect({ status: response.status, body: response.json() }).toMatchObject({ status });
    expect(response.contentType).toContain('application/problem+json');
    return String(response.json().type).split('/').pop()!;
  }

  /** The clock after the expiring licence's last day, for one request; the clock is restored after. */
  async function afterExpiry<T>(action: () => Promise<T>): Promise<T> {
    const before = t.clock.now().toISOString();
    t.clock.set('2026-04-02T12:00:00.000Z');
    try {
      return await action();
    } finally {
      t.clock.set(before);
    }
  }

  describe('allowed', () => {
    it('an active licensed user of an active licence opens a web case in their own name', async () => {
      const opened = await api.expect(201, webCase(licences.enterprise), await tokenOf(people.active));
      const detail = await api.expect(
        200,
        { method: 'GET', url: `/v1/cases/${opened.json().id}` },
        await tokenOf(people.active),
      );
      expect(detail.json()).toMatchObject({
        openedBy: people.active,
        channel: 'web',
        licenceId: licences.enterprise,
      });
    });

    it('an engineer opens a severity 1 phone case on behalf of a licensed user who called', async () => {
      const opened = await api.expect(201, phoneCase(licences.enterprise, people.active), engineer);
      const detail = await api.expect(
        200,
        { method: 'GET', url: `/v1/cases/${opened.json().id}` },
        await tokenOf(people.active),
      );
      expect(detail.json()).toMatchObject({ openedBy: people.active, channel: 'phone', severity: 1 });
    });

    it('a standard-plan user opens web cases (web is in every plan)', async () => {
      await api.expect(201, webCase(licences.standard), await tokenOf(people.webOnly));
    });
  });

  describe('refused, each with its own reason', () => {
    it('an expired licence: 403 licence-expired, naming the last day', async () => {
      const response = await afterExpiry(async () =>
        api.send(webCase(licences.expiring), await tokenOf(people.expiring)),
      );
      expect(problemCode(response, 403)).toBe('licence-expired');
      expect(response.json().detail).toContain(EXPIRING_UNTIL);
    });

    it('an expired licence refuses the engineer on the user’s behalf too', async () => {
      const response = await afterExpiry(() =>
        api.send(phoneCase(licences.expiring, people.expiring), engineer),
      );
      expect(problemCode(response, 403)).toBe('licence-expired');
    });

    it('a pending user: 403 licensed-user-not-active, saying registration must complete first', async () => {
      const response = await api.send(webCase(licences.enterprise), await tokenOf(people.pending));
      expect(problemCode(response, 403)).toBe('licensed-user-not-active');
      expect(response.json().detail).toMatch(/registration/i);
      // The request that completes it, as the invitation mail and GET /v1/licences name it.
      const { items } = (
        await api.expect(200, { method: 'GET', url: '/v1/licences' }, await tokenOf(people.pending))
      ).json();
      const activation = items.find((item: { id: string }) => item.id === licences.enterprise).activation;
      expect(response.json().detail).toContain(`POST ${activation} (no body) with your bearer token`);
    });

    it('a pending user phoning: the same reason, naming onBehalfOf', async () => {
      const response = await api.send(phoneCase(licences.enterprise, people.pending), engineer);
      expect(problemCode(response, 403)).toBe('licensed-user-not-active');
      expect(response.json().errors).toEqual([expect.objectContaining({ field: 'onBehalfOf' })]);
    });

    it('a removed user: 403 licensed-user-removed', async () => {
      const response = await api.send(webCase(licences.enterprise), await tokenOf(people.removed));
      expect(problemCode(response, 403)).toBe('licensed-user-removed');
      expect(response.json().detail).toMatch(/removed from this licence/i);
    });

    it('the licence holder who is not one of its users: 403 not-a-licensed-user, saying how to become one', async () => {
      const response = await api.send(webCase(licences.enterprise), await tokenOf('Boss@Acme.example'));
      expect(problemCode(response, 403)).toBe('not-a-licensed-user');
      expect(response.json().detail).toMatch(
        new RegExp(
          `holds licence ${licences.enterprise} but is not one of its licensed users.*POST /v1/licences/${licences.enterprise}/users.*seat`,
        ),
      );
    });

    it('the holder of a licence with no free seat who is not one of its users is told to free a seat first, as the console says', async () => {
      // Before: told to add themselves "(this takes a seat)", which a full licence refuses (409 seat-limit-reached).
      const { accountId } = (
        await api.expect(200, { method: 'GET', url: `/v1/licences/${licences.enterprise}` }, engineer)
      ).json();
      const full = await steps.issueLicence(accountId, {
        plan: 'enterprise',
        holderEmail: 'full.boss@acme.example',
        seats: 1,
      });
      await steps.addLicensedUser(full, 'only.seat@acme.example');
      const response = await api.send(webCase(full), await tokenOf('full.boss@acme.example'));
      expect(problemCode(response, 403)).toBe('not-a-licensed-user');
      const { detail } = response.json();
      expect(detail).toContain(
        'The licence has no free seat: the holder can free a seat (remove a user or withdraw a pending invitation) ' +
          `and then add themselves with POST /v1/licences/${full}/users, or ask their account manager for more seats`,
      );
      expect(detail).not.toContain('this takes a seat');
      // A seat freed, the holder is told to add themselves again.
      await api.expect(
        200,
        { method: 'DELETE', url: `/v1/licences/${full}/users/only.seat@acme.example` },
        await tokenOf('full.boss@acme.example'),
      );
      const withSeat = await api.send(webCase(full), await tokenOf('full.boss@acme.example'));
      expect(withSeat.json().detail).toContain(`POST /v1/licences/${full}/users (this takes a seat)`);
    });

    it('a licensed user of another account using this licence: 404, as for a licence id nobody issued, expired or not', async () => {
      const stranger = await tokenOf(people.otherAccount);
      const told = async (licenceId: string) => {
        const response = await api.send(webCase(licenceId), stranger);
        return { status: response.status, body: response.body.split(licenceId).join('<id>') };
      };
      const unissued = await told(randomUUID());
      expect(unissued.status).toBe(404);
      expect(await told(licences.enterprise)).toEqual(unissued);
      // Nor does the day it expired tell them it exists.
      expect(await afterExpiry(() => told(licences.expiring))).toEqual(unissued);
    });

    it('a phone case on a plan without phone support: 403 channel-not-entitled, naming the plan', async () => {
      const response = await api.send(phoneCase(licences.standard, people.webOnly), engineer);
      expect(problemCode(response, 403)).toBe('channel-not-entitled');
      expect(response.json().detail).toMatch(/standard.*phone/i);
    });

    it('severity 1 on the web: 422, telling the customer to phone', async () => {
      const response = await api.send(webCase(licences.enterprise, 1), await tokenOf(people.active));
      expect(problemCode(response, 422)).toBe('severity-not-allowed-for-channel');
      expect(response.json().detail).toMatch(/phone/i);
    });

    it('severity 1 on the web on a plan without phone support: 422 telling them to open it at severity 2, not to phone', async () => {
      const response = await api.send(webCase(licences.standard, 1), await tokenOf(people.webOnly));
      expect(problemCode(response, 422)).toBe('severity-not-allowed-for-channel');
      const { detail, errors } = response.json();
      expect(detail).toMatch(/your standard plan does not include phone support/);
      expect(detail).toMatch(/open the case on the web at severity 2/);
      expect(detail).not.toMatch(/call support/);
      expect(errors).toEqual([expect.objectContaining({ field: 'severity' })]);
    });

    it('a customer claiming a phone case or another user: 403', async () => {
      const asCustomer = await tokenOf(people.active);
      expect(
        problemCode(await api.send(phoneCase(licences.enterprise, people.active), asCustomer), 403),
      ).toBe('phone-cases-opened-by-engineer');
      const onBehalf = {
        ...webCase(licences.enterprise),
        payload: { ...(webCase(licences.enterprise).payload as object), onBehalfOf: people.removed },
      };
      expect(problemCode(await api.send(onBehalf, asCustomer), 403)).toBe('on-behalf-of-engineer-only');
    });

    it('a phone case posted on a plan without phone support: 403 saying the plan has web support, not to phone', async () => {
      const response = await api.send(
        phoneCase(licences.standard, people.webOnly),
        await tokenOf(people.webOnly),
      );
      expect(problemCode(response, 403)).toBe('phone-cases-opened-by-engineer');
      const { detail, errors } = response.json();
      expect(detail).toMatch(/your standard plan does not include phone support/);
      expect(detail).toMatch(
        /your plan includes web support, so open the case on the web, with channel "web"/,
      );
      expect(detail).not.toMatch(/call support/);
      expect(errors).toEqual([expect.objectContaining({ field: 'channel' })]);
      const onEnterprise = await api.send(
        phoneCase(licences.enterprise, people.active),
        await tokenOf(people.active),
      );
      expect(onEnterprise.json().detail).toMatch(
        /your enterprise plan includes phone support, so call support by phone/,
      );
    });

    it('a licence that does not exist: 404', async () => {
      const response = await api.send(
        webCase('00000000-0000-4000-8000-000000000000'),
        await tokenOf(people.active),
      );
      expect(problemCode(response, 404)).toBe('licence-not-found');
    });

    it('expired, pending, removed and wrong channel are four different answers', async () => {
      const codes = [
        problemCode(
          await afterExpiry(async () => api.send(webCase(licences.expiring), await tokenOf(people.expiring))),
          403,
        ),
        problemCode(await api.send(webCase(licences.enterprise), await tokenOf(people.pending)), 403),
        problemCode(await api.send(webCase(licences.enterprise), await tokenOf(people.removed)), 403),
        problemCode(await api.send(phoneCase(licences.standard, people.webOnly), engineer), 403),
      ];
      expect(new Set(codes).size).toBe(4);
    });
  });
});
