import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { StaffRole } from '../../../apps/api/src/auth/actor';

export interface Permissions {
  manageUsers: boolean;
  shareTickets: boolean;
  seeSharedTickets: boolean;
}

export interface Person {
  email: string;
  name: string;
  roles?: StaffRole[];
}

export interface AccountSetup {
  name: string;
  timeZone?: string;
  csm?: Person;
  licence: {
    product: string;
    edition: string;
    plan: 'standard' | 'enterprise' | 'mission-critical';
    holder: Person;
  };
  users: (Person & { company: string; country: string; permissions?: Partial<Permissions> })[];
  caseTeam?: Person[];
}

/**
 * Setup moves over the public HTTP API (Fastify inject, no network) for the console's browser
 * tests and screenshots. Every call must succeed; a refusal throws with the API's problem.
 */
export class DemoApi {
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly app: NestFastifyApplication,
    private readonly mint: (email: string, roles?: StaffRole[], name?: string) => Promise<string>,
  ) {}

  async tokenFor(person: Person): Promise<string> {
    const key = `${person.email}|${(person.roles ?? []).join(',')}`;
    let token = this.tokens.get(key);
    if (!token) {
      token = await this.mint(person.email, person.roles ?? [], person.name);
      this.tokens.set(key, token);
    }
    return token;
  }

  async call<T = { id: string; revision: number }>(
    as: Person,
    method: 'POST' | 'PUT' | 'GET' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ): Promise<T> {
    const response = await this.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${await this.tokenFor(as)}` },
      ...(payload ? { payload } : {}),
    });
    if (response.statusCode >= 300) {
      throw new Error(`${method} ${url} as ${as.email} answered ${response.statusCode}: ${response.body}`);
    }
    return response.json() as T;
  }

  /** An account with one licence, its licensed users (registered) and case team; returns the licence id. */
  async setUpAccount(admin: Person, setup: AccountSetup): Promise<{ accountId: string; licenceId: string }> {
    const { id: accountId } = await this.call(admin, 'POST', '/v1/accounts', {
      name: setup.name,
      ...(setup.timeZone ? { timeZone: setup.timeZone } : {}),
    });
    if (setup.csm) await this.call(admin, 'PUT', `/v1/accounts/${accountId}/csm`, { email: setup.csm.email });
    const { id: licenceId } = await this.call(admin, 'POST', `/v1/accounts/${accountId}/licences`, {
      product: setup.licence.product,
      edition: setup.licence.edition,
      plan: setup.licence.plan,
      activeUntil: '2030-12-31',
      seats: 25,
      holderEmail: setup.licence.holder.email,
    });
    for (const user of setup.users) {
      const [firstName, ...rest] = user.name.split(' ');
      await this.call(admin, 'POST', `/v1/licences/${licenceId}/users`, {
        email: user.email,
        firstName,
        lastName: rest.join(' ') || firstName,
        company: user.company,
        country: user.country,
        permissions: {
          manageUsers: false,
          shareTickets: false,
          seeSharedTickets: false,
          ...user.permissions,
        },
      });
      await this.call(
        user,
        'POST',
        `/v1/licences/${licenceId}/users/${encodeURIComponent(user.email)}/activation`,
      );
    }
    for (const member of setup.caseTeam ?? []) {
      await this.call(admin, 'POST', `/v1/accounts/${accountId}/case-team`, {
        email: member.email,
        name: member.name,
        notify: true,
      });
    }
    return { accountId, licenceId };
  }
}
