import type { StaffRole } from '../../../apps/api/src/auth/actor';
import type { TestClock } from '../test-app';
import { AccountSetup, DemoApi, Person } from './demo-api';

const staff = (email: string, name: string, roles: StaffRole[]): Person => ({ email, name, roles });

export const DEMO_PEOPLE = {
  admin: staff('ada.admin@vendor.example', 'Ada Admin', ['admin']),
  eve: staff('eve.marsh@vendor.example', 'Eve Marsh', ['engineer']),
  omar: staff('omar.haddad@vendor.example', 'Omar Haddad', ['engineer']),
  lena: staff('lena.fischer@vendor.example', 'Lena Fischer', ['engineer']),
  carla: staff('carla.mendes@vendor.example', 'Carla Mendes', ['csm']),
  audrey: staff('audrey.klein@vendor.example', 'Audrey Klein', ['auditor']),
  jane: { email: 'jane.doe@acme.example', name: 'Jane Doe' },
  ivan: { email: 'ivan.petrov@acme.example', name: 'Ivan Petrov' },
  priya: { email: 'priya.shah@globex.example', name: 'Priya Shah' },
  tom: { email: 'tom.becker@globex.example', name: 'Tom Becker' },
  bill: { email: 'bill.lumbergh@initech.example', name: 'Bill Lumbergh' },
  peter: { email: 'peter.gibbons@initech.example', name: 'Peter Gibbons' },
  alice: { email: 'alice.weber@umbrella.example', name: 'Alice Weber' },
} satisfies Record<string, Person>;

const P = DEMO_PEOPLE;
const ENGINEERS = [P.eve, P.omar, P.lena];

const ACCOUNTS: (AccountSetup & { key: string; openers: Person[] })[] = [
  {
    key: 'globex',
    name: 'Globex Bank',
    timeZone: 'America/New_York',
    csm: P.carla,
    licence: {
      product: 'Sitefinity',
      edition: 'Enterprise License',
      plan: 'mission-critical',
      holder: { email: 'it-owner@globex.example', name: 'Globex IT' },
    },
    users: [
      {
        ...P.priya,
        company: 'Globex Bank',
        country: 'US',
        permissions: { shareTickets: true, seeSharedTickets: true },
      },
      { ...P.tom, company: 'Globex Bank', country: 'US', permissions: { seeSharedTickets: true } },
    ],
    caseTeam: [{ email: 'operations.lead@globex.example', name: 'Morgan Lee' }],
    openers: [P.priya, P.tom],
  },
  {
    key: 'acme',
    name: 'Acme Retail',
    timeZone: 'Europe/Sofia',
    licence: {
      product: 'Sitefinity',
      edition: 'Online Marketing License',
      plan: 'enterprise',
      holder: { email: 'cto@acme.example', name: 'Acme CTO' },
    },
    users: [
      {
        ...P.jane,
        company: 'Acme Retail',
        country: 'BG',
        permissions: { shareTickets: true, seeSharedTickets: true },
      },
      { ...P.ivan, company: 'Acme Retail', country: 'BG' },
    ],
    openers: [P.jane, P.ivan],
  },
  {
    key: 'initech',
    name: 'Initech',
    licence: {
      product: 'Kendo UI',
      edition: 'DevCraft Complete',
      plan: 'standard',
      holder: { email: 'bill.lumbergh@initech.example', name: 'Bill Lumbergh' },
    },
    users: [
      { ...P.bill, company: 'Initech', country: 'US' },
      { ...P.peter, company: 'Initech', country: 'US' },
    ],
    openers: [P.peter, P.bill],
  },
  {
    key: 'umbrella',
    name: 'Umbrella Health',
    timeZone: 'Europe/Berlin',
    licence: {
      product: 'Telerik Reporting',
      edition: 'Reporting Ultimate',
      plan: 'enterprise',
      holder: { email: 'alice.weber@umbrella.example', name: 'Alice Weber' },
    },
    users: [{ ...P.alice, company: 'Umbrella Health', country: 'DE' }],
    openers: [P.alice],
  },
];

const TOPICS: Record<string, [title: string, description: string][]> = {
  Sitefinity: [
    [
      'Search index rebuild never finishes',
      'The nightly index rebuild has been stuck at 92% since Tuesday. Restarting the service does not help.',
    ],
    [
      'Form submissions missing from the export',
      'About one in twenty submissions of the contact form do not appear in the CSV export.',
    ],
    [
      'Image library upload fails for files over 8 MB',
      'Uploads of larger product photos stop with "413 Request Entity Too Large".',
    ],
    [
      'Personalised content shows to the wrong segment',
      'Visitors from Germany see the segment built for the UK since the last deployment.',
    ],
    [
      'Scheduled publishing publishes an hour late',
      'Pages scheduled for 09:00 go live at 10:00 after the daylight-saving change.',
    ],
    [
      'How do I restrict a page to one role?',
      'We need a page that only the partners role can see. What is the recommended way?',
    ],
  ],
  'Kendo UI': [
    [
      'Grid export to Excel drops the last column',
      'When a column is hidden and shown again, the Excel export leaves out the last column.',
    ],
    [
      'Scheduler renders events one day off',
      'Recurring events show on Mondays instead of Sundays for users in UTC-5.',
    ],
    [
      'DatePicker ignores the culture on first open',
      'The first time the calendar opens it shows English month names; after that it is correct.',
    ],
  ],
  'Telerik Reporting': [
    [
      'PDF export cuts off the table footer',
      'The totals row is missing on the last page of the exported PDF.',
    ],
    [
      'Report designer crashes when adding a crosstab',
      'The standalone designer closes without a message when a crosstab is dropped on the page.',
    ],
  ],
};

export interface DemoData {
  /** The richest case: Mission Critical, escalated, severity raised, internal notes, a paused clock. */
  showcaseCaseId: string;
  /** Every case opened, oldest first. */
  caseIds: string[];
  now: string;
}

export interface DemoSeedOptions {
  api: DemoApi;
  clock: TestClock;
  /** Fires the SLA timers due at the clock's instant (breaches, at-risk warnings, auto-closures). */
  runTimers(): Promise<void>;
}

type Step = { at: string; run: () => Promise<void> };
type Schedule = (iso: string, run: () => Promise<void>) => void;

/**
 * Three weeks of a support desk (9 Feb to 2 Mar 2026): four accounts (one Mission Critical), about
 * twenty cases answered on time or late, resolved, closed, escalated and re-prioritised, with the
 * SLA timers recording breaches as the clock moves. Deterministic: the same data every run.
 */
export async function seedDemoData({ api, clock, runTimers }: DemoSeedOptions): Promise<DemoData> {
  clock.set('2026-02-06T08:00:00.000Z');
  const licences = new Map<string, string>();
  for (const account of ACCOUNTS)
    licences.set(account.key, (await api.setUpAccount(P.admin, account)).licenceId);

  const random = mulberry32(20260302);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const steps: Step[] = [];
  const caseIds: string[] = [];
  const at: Schedule = (iso, run) => void steps.push({ at: iso, run });
  const hours = (iso: string, offset: number) => new Date(Date.parse(iso) + offset * 3_600_000).toISOString();

  // Generated cases: opened on working days at working hours, handled at varied speeds.
  let generated = 0;
  for (
    let day = Date.parse('2026-02-09T00:00:00Z');
    day <= Date.parse('2026-03-02T00:00:00Z');
    day += 86_400_000
  ) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const perDay = random() < 0.5 ? 1 : 2;
    for (let n = 0; n < perDay && generated < 24; n++, generated++) {
      const account = pick(ACCOUNTS.slice(1));
      const opener = pick(account.openers);
      const [title, description] = pick(TOPICS[account.licence.product]);
      const openedAt = new Date(
        day + (7 + Math.floor(random() * 9)) * 3_600_000 + Math.floor(random() * 60) * 60_000,
      ).toISOString();
      if (openedAt > '2026-03-02T12:00:00.000Z') continue;
      const severity = random() < 0.45 ? 2 : 3;
      const engineer = pick(ENGINEERS);
      const state = { id: '' };
      at(openedAt, async () => {
        state.id = (
          await api.call(opener, 'POST', '/v1/cases', {
            licenceId: licences.get(account.key),
            title,
            description,
            severity,
            channel: 'web',
          })
        ).id;
        caseIds.push(state.id);
      });
      const ageHours = (Date.parse('2026-03-02T14:00:00Z') - Date.parse(openedAt)) / 3_600_000;
      // Most first replies come within hours; some come late, a few never yet.
      const replyAfter = random() < 0.65 ? 0.5 + random() * 6 : 26 + random() * 40;
      if (replyAfter < ageHours) {
        at(
          hours(openedAt, replyAfter * 0.8),
          async () =>
            void (await api.call(engineer, 'POST', `/v1/cases/${state.id}/assignment`, {
              engineer: engineer.email,
            })),
        );
        at(
          hours(openedAt, replyAfter),
          async () =>
            void (await api.call(engineer, 'POST', `/v1/cases/${state.id}/comments`, {
              body: 'Thanks for the details — we are reproducing this now and will update you shortly.',
            })),
        );
      }
      const resolveAfter = replyAfter + 20 + random() * 200;
      if (resolveAfter < ageHours && random() < 0.8) {
        at(
          hours(openedAt, resolveAfter),
          async () =>
            void (await api.call(engineer, 'POST', `/v1/cases/${state.id}/resolution`, {
              summary:
                'Fixed by the configuration change described in the last comment; a patch follows in the next release.',
            })),
        );
        if (resolveAfter + 30 < ageHours && random() < 0.6) {
          at(hours(openedAt, resolveAfter + 6 + random() * 20), async () => {
            // The quiet period may have closed it already.
            const current = await api.call<{ status: string }>(opener, 'GET', `/v1/cases/${state.id}`);
            if (current.status === 'resolved')
              await api.call(opener, 'POST', `/v1/cases/${state.id}/closure`);
          });
        }
      }
      if (random() < 0.12 && replyAfter < ageHours) {
        at(hours(openedAt, Math.min(ageHours - 1, replyAfter + 8)), async () => {
          const current = await api.call<{ status: string }>(opener, 'GET', `/v1/cases/${state.id}`);
          if (['closed', 'redirected', 'resolved'].includes(current.status)) return;
          await api.call(opener, 'POST', `/v1/cases/${state.id}/escalations`, {
            reason: 'low-satisfaction',
            details: 'We have been waiting for a fix for days and our release is blocked.',
          });
        });
      }
    }
  }

  const showcase = { id: '' };
  scheduleShowcase(api, at, showcase, licences.get('globex')!);
  scheduleTodaysQueue(api, at, licences, caseIds);

  steps.sort((a, b) => a.at.localeCompare(b.at));
  const now = '2026-03-02T14:20:00.000Z';
  let clockAt = Date.parse('2026-02-09T00:00:00Z');
  for (const step of [...steps, { at: now, run: async () => undefined }]) {
    // Move in steps of at most an hour, letting the timers record what came due on the way.
    while (clockAt < Date.parse(step.at)) {
      clockAt = Math.min(Date.parse(step.at), clockAt + 3_600_000);
      clock.set(new Date(clockAt).toISOString());
      await runTimers();
    }
    await step.run();
  }
  return { showcaseCaseId: showcase.id, caseIds, now };
}

/** A Mission Critical outage worked over a weekend: the case the screenshots show. */
function scheduleShowcase(api: DemoApi, at: Schedule, showcase: { id: string }, licenceId: string): void {
  const call = (who: Person, path: string, body?: object) => async () =>
    void (await api.call(who, 'POST', `/v1/cases/${showcase.id}${path}`, body));
  at('2026-02-27T13:40:00.000Z', async () => {
    showcase.id = (
      await api.call(P.priya, 'POST', '/v1/cases', {
        licenceId,
        title: 'Payments page times out after the 15.1 upgrade',
        description:
          'Since upgrading to 15.1 this morning, the payments page times out for some customers after 30 seconds. Staging shows the same with production data.',
        severity: 2,
        channel: 'web',
        category: 'Performance',
      })
    ).id;
  });
  at('2026-02-27T14:05:00.000Z', call(P.eve, '/assignment', { engineer: P.eve.email }));
  at(
    '2026-02-27T14:10:00.000Z',
    call(P.eve, '/comments', {
      body: 'Reproduced on staging with their DB snapshot: the connection pool is exhausted by the new payment-status poller.',
      internal: true,
    }),
  );
  at(
    '2026-02-27T14:20:00.000Z',
    call(P.eve, '/information-request', {
      body: 'Thanks Priya — we can reproduce a slowdown. Could you send the application log from 13:00 to 14:00 UTC and the number of web nodes?',
    }),
  );
  at(
    '2026-02-27T16:45:00.000Z',
    call(P.priya, '/comments', {
      body: 'Logs attached (payments-0227.log). We run four web nodes behind the load balancer.',
    }),
  );
  at(
    '2026-03-02T08:30:00.000Z',
    call(P.priya, '/escalations', {
      reason: 'production-impact',
      details: 'Card payments fail for about 30% of customers at peak hours; we are losing orders.',
    }),
  );
  at(
    '2026-03-02T08:40:00.000Z',
    call(P.eve, '/severity', {
      severity: 1,
      reason: 'Payments failing in production for a Mission Critical account',
    }),
  );
  at('2026-03-02T08:50:00.000Z', call(P.eve, '/escalations/acknowledgement'));
  at(
    '2026-03-02T09:30:00.000Z',
    call(P.carla, '/escalations/status-updates', {
      body: 'Hotfix 15.1.7 (bounded poller pool) is in QA; we expect it by 11:00 UTC.',
    }),
  );
  at(
    '2026-03-02T11:15:00.000Z',
    call(P.eve, '/comments', {
      body: 'Hotfix 15.1.7 is available on the customer portal. Please apply it to all four nodes and tell us how payments behave.',
    }),
  );
  at(
    '2026-03-02T11:20:00.000Z',
    call(P.eve, '/shares', { email: 'operations.lead@globex.example', name: 'Morgan Lee' }),
  );
}

/** Today's open work, so the queue shows every tone: fresh, at risk, breaching, Mission Critical, escalated. */
function scheduleTodaysQueue(
  api: DemoApi,
  at: Schedule,
  licences: Map<string, string>,
  caseIds: string[],
): void {
  const open = (
    iso: string,
    who: Person,
    account: string,
    title: string,
    severity: number,
    extra: object = {},
  ) =>
    at(iso, async () => {
      const { id } = await api.call(who, 'POST', '/v1/cases', {
        licenceId: licences.get(account),
        title,
        description: `${title}. Details and steps to reproduce are attached.`,
        severity,
        channel: 'web',
        ...extra,
      });
      caseIds.push(id);
    });
  open('2026-03-02T05:50:00.000Z', P.tom, 'globex', 'Login loop on the partner portal after SSO change', 2);
  open('2026-03-01T16:10:00.000Z', P.jane, 'acme', 'Checkout shows the wrong VAT for Romanian addresses', 2);
  open('2026-03-02T13:05:00.000Z', P.alice, 'umbrella', 'Scheduled report e-mails arrive empty', 3);
  // Friday evening in Sofia: its first response is due Monday evening, and at risk by the afternoon.
  open('2026-02-27T16:00:00.000Z', P.ivan, 'acme', 'Promotions module applies the discount twice', 2);
  at('2026-03-02T10:05:00.000Z', async () => {
    const { id } = await api.call(P.omar, 'POST', '/v1/cases', {
      licenceId: licences.get('acme'),
      title: 'Storefront down: 502 from every web node',
      description: 'Called in by Ivan: the storefront answers 502 on all nodes since 09:50 UTC.',
      severity: 1,
      channel: 'phone',
      onBehalfOf: P.ivan.email,
    });
    caseIds.push(id);
    await api.call(P.omar, 'POST', `/v1/cases/${id}/assignment`, { engineer: P.omar.email });
  });
}

/** A small deterministic PRNG (mulberry32), so the demo data is the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
