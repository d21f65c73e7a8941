import type { LicensedUserPermissions, SupportPlan } from '@casetrail/domain';
import type { SeededRandom } from './seeded-random';

/** A person as the simulation lets them act: staff carry role claims, customers none. */
export interface DemoActor {
  email: string;
  name: string;
  roles: ('engineer' | 'csm' | 'admin')[];
}

export interface DemoLicensedUser extends DemoActor {
  firstName: string;
  lastName: string;
  permissions: LicensedUserPermissions;
}

export interface DemoLicence {
  id: string;
  accountId: string;
  product: string;
  edition: string;
  plan: SupportPlan;
  activeUntil: string;
  holderEmail: string;
  users: DemoLicensedUser[];
}

export interface DemoAccount {
  id: string;
  name: string;
  /** IANA zone of the account's calendar; null means UTC. */
  timeZone: string | null;
  csm: DemoActor | null;
  caseTeam: { email: string; name: string; notify: boolean }[];
  licences: DemoLicence[];
  missionCritical: boolean;
}

export interface DemoOrganisation {
  admin: DemoActor;
  engineers: DemoActor[];
  csms: DemoActor[];
  accounts: DemoAccount[];
  /** Every licence, for picking who opens the next case. */
  licences: DemoLicence[];
}

const PRODUCTS: readonly (readonly [string, string])[] = [
  ['Sitefinity CMS', 'Online Marketing License'],
  ['DevCraft', 'Ultimate'],
  ['Telerik Reporting', 'Server'],
  ['Kendo UI', 'Professional'],
  ['Test Studio', 'Web & Desktop'],
];
const TIME_ZONES: readonly (readonly [string | null, number])[] = [
  [null, 3],
  ['Europe/Sofia', 3],
  ['America/New_York', 3],
  ['Europe/London', 2],
  ['America/Los_Angeles', 2],
  ['Asia/Tokyo', 1],
  ['Australia/Sydney', 1],
];
const PLANS: readonly (readonly [SupportPlan, number])[] = [
  ['standard', 30],
  ['enterprise', 55],
  ['mission-critical', 15],
];
const FIRST_NAMES = [
  'Ana',
  'Boris',
  'Chloe',
  'Dimitar',
  'Elena',
  'Farid',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
  'Kira',
  'Luca',
];
const LAST_NAMES = [
  'Ivanova',
  'Petrov',
  'Smith',
  'Garcia',
  'Novak',
  'Tanaka',
  'Dubois',
  'Berg',
  'Costa',
  'Walsh',
];
const COMPANY_WORDS = [
  'Northwind',
  'Contoso',
  'Fabrikam',
  'Tailspin',
  'Litware',
  'Adatum',
  'Wingtip',
  'Proseware',
];

/**
 * The vendor's staff and its customers: accounts in several time zones, one or two licences each on
 * a mix of plans, licensed users with a mix of permissions, CSMs on Mission Critical accounts and a
 * few case teams. Sized from the number of cases (about forty cases per account).
 */
export function demoOrganisation(random: SeededRandom, cases: number): DemoOrganisation {
  const admin: DemoActor = { email: 'admin@vendor.example', name: 'Ada Admin', roles: ['admin'] };
  const engineers = Array.from({ length: 12 }, (_, index) =>
    staff(`engineer${pad(index + 1, 2)}`, 'engineer'),
  );
  const csms = Array.from({ length: 4 }, (_, index) => staff(`csm${index + 1}`, 'csm'));
  const accountCount = Math.min(400, Math.max(3, Math.round(cases / 40)));
  const accounts = Array.from({ length: accountCount }, (_, index) => demoAccount(random, index, csms));
  return { admin, engineers, csms, accounts, licences: accounts.flatMap((account) => account.licences) };
}

function demoAccount(random: SeededRandom, index: number, csms: DemoActor[]): DemoAccount {
  const id = random.uuid();
  const company = `${random.pick(COMPANY_WORDS)} ${pad(index + 1, 3)}`;
  const domain = `${company.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`;
  const licenceCount = random.chance(0.3) ? 2 : 1;
  const licences = Array.from({ length: licenceCount }, (_, licenceIndex) =>
    demoLicence(random, id, domain, company, licenceIndex),
  );
  const missionCritical = licences.some((licence) => licence.plan === 'mission-critical');
  const caseTeam = random.chance(0.25)
    ? [{ email: `it-lead@${domain}`, name: `${company} IT lead`, notify: random.chance(0.7) }]
    : [];
  return {
    id,
    name: company,
    timeZone: random.weighted(TIME_ZONES),
    csm: missionCritical ? random.pick(csms) : null,
    caseTeam,
    licences,
    missionCritical,
  };
}

function demoLicence(
  random: SeededRandom,
  accountId: string,
  domain: string,
  company: string,
  index: number,
): DemoLicence {
  const [product, edition] = random.pick(PRODUCTS);
  const users = Array.from({ length: random.int(2, 5) }, (_, userIndex) => {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const email = `${firstName}.${lastName}.${index}${userIndex}@${domain}`.toLowerCase();
    return {
      email,
      name: `${firstName} ${lastName}`,
      roles: [],
      firstName,
      lastName,
      permissions: {
        manageUsers: userIndex === 0,
        shareTickets: random.chance(0.5),
        seeSharedTickets: random.chance(0.5),
      },
    } satisfies DemoLicensedUser;
  });
  return {
    id: random.uuid(),
    accountId,
    product,
    edition: `${edition} (${company})`,
    plan: random.weighted(PLANS),
    activeUntil: '2099-12-31',
    holderEmail: users[0].email,
    users,
  };
}

function staff(local: string, role: 'engineer' | 'csm'): DemoActor {
  const name = local.replace(/(\d+)$/, ' $1').replace(/^./, (letter) => letter.toUpperCase());
  return { email: `${local}@vendor.example`, name, roles: [role] };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
