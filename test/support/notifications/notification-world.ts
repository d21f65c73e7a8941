import type { StaffRole } from '../../../apps/api/src/auth/actor';
import type { TestApp } from '../test-app';

export const PEOPLE = {
  admin: { email: 'admin@vendor.example', roles: ['admin'] as StaffRole[], name: 'Ada Admin' },
  engineer: { email: 'eve@vendor.example', roles: ['engineer'] as StaffRole[], name: 'Eve Engineer' },
  csm: { email: 'carla@vendor.example', roles: ['csm'] as StaffRole[], name: 'Carla CSM' },
  opener: { email: 'jane@acme.example', roles: [] as StaffRole[], name: 'Jane Doe' },
  teamMember: { email: 'tom@acme.example', roles: [] as StaffRole[], name: 'Tom Team' },
  optedOutMember: { email: 'olga@partner.example', roles: [] as StaffRole[], name: 'Olga Partner' },
  sharedUser: { email: 'dora@partner.example', roles: [] as StaffRole[], name: 'Dora Shared' },
} as const;

export type Person = keyof typeof PEOPLE;

/**
 * The body of POST /v1/licences/{licenceId}/users that the invitation specs send: Sam Tester of
 * Acme, in Bulgaria, with no permissions, at `email`. The mail names Sam; the address is the test's.
 */
export function samInvitedAs(email: string) {
  return {
    email,
    firstName: 'Sam',
    lastName: 'Tester',
    company: 'Acme',
    country: 'BG',
    permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
  };
}

const HOUR = 60 * 60 * 1000;

/**
 * A Mission Critical customer, set up through the public API: account Acme with CSM Carla, case
 * team Tom (notified) and Olga (opted out), and Jane, a licensed user who may share tickets.
 */
export class NotificationWorld {
  accountId = '';
  licenceId = '';

  constructor(private readonly t: TestApp) {}

  async setUp(plan: 'enterprise' | 'mission-critical' = 'mission-critical'): Promise<this> {
    const account = await this.call('admin', 'POST', '/v1/accounts', { name: 'Acme' });
    this.accountId = account.id;
    await this.call('admin', 'PUT', `/v1/accounts/${this.accountId}/csm`, { email: PEOPLE.csm.email });
    const licence = await this.call('admin', 'POST', `/v1/accounts/${this.accountId}/licences`, {
      product: 'Sitefinity',
      edition: 'Online Marketing License',
      plan,
      activeUntil: '2030-12-31',
      holderEmail: 'boss@acme.example',
    });
    this.licenceId = licence.id;
    for (const [person, notify] of [
      ['teamMember', true],
      ['optedOutMember', false],
    ] as const) {
      const { email, name } = PEOPLE[person];
      await this.call('engineer', 'POST', `/v1/accounts/${this.accountId}/case-team`, {
        email,
        name,
        notify,
      });
    }
    await this.call('admin', 'POST', `/v1/licences/${this.licenceId}/users`, {
      email: PEOPLE.opener.email,
      firstName: 'Jane',
      lastName: 'Doe',
      company: 'Acme',
      country: 'BG',
      permissions: { manageUsers: false, shareTickets: true, seeSharedTickets: true },
    });
    await this.call(
      'opener',
      'POST',
      `/v1/licences/${this.licenceId}/users/${PEOPLE.opener.email}/activation`,
    );
    return this;
  }

  async openCase(title = 'Checkout fails', severity = 2): Promise<string> {
    const opened = await this.call('opener', 'POST', '/v1/cases', {
      licenceId: this.licenceId,
      title,
      description: 'HTTP 500 on checkout since this morning',
      severity,
      channel: 'web',
    });
    return opened.id;
  }

  /**
   * A case Jane opened, assigned to Eve, answered by her and, an hour later, resolved; the clock
   * then stands an hour after the resolution (the quiet period running).
   */
  async resolvedCase(title: string): Promise<string> {
    const caseId = await this.openCase(title);
    await this.call('engineer', 'POST', `/v1/cases/${caseId}/assignment`, {
      engineer: PEOPLE.engineer.email,
    });
    await this.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, {
      body: 'Restart the worker, please',
    });
    this.t.clock.advance(HOUR);
    await this.call('engineer', 'POST', `/v1/cases/${caseId}/resolution`, {
      summary: 'Fixed by the restart',
    });
    this.t.clock.advance(HOUR);
    return caseId;
  }

  /** One GET of the public API as `person`, whatever it answers (for specs of its refusals). */
  async get(person: Person, url: string) {
    const { email, roles, name } = PEOPLE[person];
    const token = await this.t.token(email, [...roles], name);
    return this.t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  }

  /** One read of the public API as `person`; fails the test unless it answers 200. */
  async read(person: Person, url: string) {
    const response = await this.get(person, url);
    if (response.statusCode !== 200)
      throw new Error(`GET ${url} as ${person}: ${response.statusCode} ${response.body}`);
    return response.json();
  }

  /** One call of the public API as `person`; fails the test unless it answers 2xx. */
  async call(person: Person, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) {
    const { email, roles, name } = PEOPLE[person];
    const token = await this.t.token(email, [...roles], name);
    const response = await this.t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
    if (response.statusCode >= 300) {
      throw new Error(`${method} ${url} as ${person}: ${response.statusCode} ${response.body}`);
    }
    return response.body ? response.json() : undefined;
  }
}
