import {
  DEFAULT_SUPPORT_POLICY,
  SUPPORT_POLICY_ADOPTED,
  resolveCalendar,
  type CaseCommand,
  type SupportPolicy,
} from '@casetrail/domain';
import { actors, commands, context, entitlement } from '@casetrail/domain/cases/testing/case-fixtures';
import type { RecordedEvent } from '@casetrail/eventstore';
import { SqliteReadModelStore } from '@casetrail/readmodels';
import { caseDetail } from '@casetrail/readmodels/cases/case-detail';
import { CASES, casesProjection, type CaseDocument } from '@casetrail/readmodels/cases/cases.projection';
import { recordedCase } from '@casetrail/readmodels/testing/recorded-case';
import { QUEUE_ORDER, queueFilter } from './queue-definitions';

/**
 * The awaiting-customer queue against the due times its own rows show (the due time if the
 * customer answered now, on each case's calendar), as an engineer reading it top-down sees them.
 * The policy in force names a Berlin-style office-hours calendar with a holiday; it is recorded in
 * the log as the API records it at start.
 */
const POLICY: SupportPolicy = {
  ...DEFAULT_SUPPORT_POLICY,
  version: 'desk-office-hours-1',
  calendars: {
    ninefive: {
      workingHours: {
        monday: ['09:00-17:00'],
        tuesday: ['09:00-17:00'],
        wednesday: ['09:00-17:00'],
        thursday: ['09:00-17:00'],
        friday: ['09:00-17:00'],
      },
      holidays: ['2026-12-01'],
    },
  },
};

interface Desk {
  timeZone: string;
  calendarName?: string;
}
const BERLIN_OFFICE: Desk = { timeZone: 'Europe/Berlin', calendarName: 'ninefive' };
const NEW_YORK: Desk = { timeZone: 'America/New_York' };
const TOKYO: Desk = { timeZone: 'Asia/Tokyo' };

function deskContext(desk: Desk) {
  const { calendar } = resolveCalendar(POLICY, { timeZone: desk.timeZone, calendar: desk.calendarName });
  return context({
    policy: POLICY,
    calendar,
    ...(desk.calendarName ? { calendarName: desk.calendarName } : {}),
    entitlement: entitlement({ account: { timeZone: desk.timeZone, calendar: desk.calendarName } }),
  });
}

/** Opened, answered half an hour later, then waiting for the customer from `pausedAt`. */
function waitingCase(
  caseId: string,
  desk: Desk,
  severity: 2 | 3,
  openedAt: string,
  pausedAt: string,
  position: number,
): RecordedEvent[] {
  const answeredAt = new Date(Date.parse(openedAt) + 30 * 60_000).toISOString();
  const steps: CaseCommand[] = [
    commands.openCase({ caseId, at: openedAt, severity }),
    commands.comment({ caseId, at: answeredAt }),
    { type: 'RequestInformation', caseId, actor: actors.engineer, at: pausedAt, body: 'Which version?' },
  ];
  return recordedCase(steps, position, deskContext(desk)).map((event) => ({
    ...event,
    id: `${caseId}-${event.revision}`,
    stream: `case-${caseId}`,
  }));
}

const CASE_IDS = {
  /** Severity 2, office hours in Berlin, waiting since Sunday evening: 14 working days of 8 hours left. */
  berlinOffice: 'a-berlin-office',
  /** Severity 2, New York, waiting since Friday afternoon: a few hours of Friday used, due earlier. */
  newYork: 'b-new-york',
  /**
   * Severity 3, Tokyo: waiting since a Friday evening with less goal time left than the Monday one,
   * but more wall-clock time left at its pause (the weekend followed it).
   */
  tokyoFriday: 'c-tokyo-friday',
  tokyoMonday: 'd-tokyo-monday',
  /** Opened before both, but asked about on its first working morning: the most goal time left. */
  tokyoOpenedFirst: 'e-tokyo-opened-first',
} as const;

function recordedLog(): RecordedEvent[] {
  const adoption: RecordedEvent = {
    id: 'policy-adopted-1',
    stream: 'support-policy-versions',
    revision: 0,
    position: 1,
    type: SUPPORT_POLICY_ADOPTED,
    data: { version: POLICY.version, policy: POLICY, adoptedAt: '2026-11-01T00:00:00.000Z' },
    metadata: { actor: 'system', correlationId: 'c', schemaVersion: 1 },
    recordedAt: '2026-11-01T00:00:00.000Z',
  };
  const events: RecordedEvent[] = [adoption];
  const add = (build: (position: number) => RecordedEvent[]) => events.push(...build(events.length + 1));
  add((p) =>
    waitingCase(
      CASE_IDS.berlinOffice,
      BERLIN_OFFICE,
      2,
      '2026-11-29T18:02:00.000Z',
      '2026-11-29T19:00:00.000Z',
      p,
    ),
  );
  add((p) =>
    waitingCase(CASE_IDS.newYork, NEW_YORK, 2, '2026-11-27T14:00:00.000Z', '2026-11-27T19:00:00.000Z', p),
  );
  add((p) =>
    waitingCase(CASE_IDS.tokyoFriday, TOKYO, 3, '2026-11-16T00:00:00.000Z', '2026-11-20T11:00:00.000Z', p),
  );
  add((p) =>
    waitingCase(CASE_IDS.tokyoMonday, TOKYO, 3, '2026-11-17T00:00:00.000Z', '2026-11-23T01:00:00.000Z', p),
  );
  add((p) =>
    waitingCase(
      CASE_IDS.tokyoOpenedFirst,
      TOKYO,
      3,
      '2026-11-13T14:00:00.000Z',
      '2026-11-16T01:00:00.000Z',
      p,
    ),
  );
  // The opener of every case is given share tickets: the projection stores each of her rows again.
  const none = { manageUsers: false, shareTickets: false, seeSharedTickets: false };
  add((position) => [
    {
      id: 'share-tickets-granted',
      stream: 'licence-lic-1',
      revision: 1,
      position,
      type: 'LicensedUserPermissionsChanged',
      data: {
        licenceId: 'lic-1',
        accountId: 'acc-1',
        at: '2026-11-29T19:30:00.000Z',
        by: 'holder@acme.example',
        email: actors.alice.email,
        permissions: { ...none, shareTickets: true },
        previousPermissions: none,
      },
      metadata: { actor: 'holder@acme.example', correlationId: 'c', schemaVersion: 1 },
      recordedAt: '2026-11-29T19:30:00.000Z',
    },
  ]);
  return events;
}

describe('awaiting-customer queue order against the due times its rows show', () => {
  let store: SqliteReadModelStore;

  beforeAll(async () => {
    store = new SqliteReadModelStore(':memory:');
    await store.ensureCollections(casesProjection.collections);
    // The permission change in a batch of its own: the rows it stores again are read back from the store.
    const log = recordedLog();
    for (const batch of [log.slice(0, -1), log.slice(-1)])
      await store.applyBatch(casesProjection.name, batch, (event, tx) => casesProjection.apply(event, tx));
  });
  afterAll(() => store.close());

  /** The queue as the API lists it at `now`: each row with the resolution due time it shows. */
  const rows = async (now: string) => {
    const filter = queueFilter('awaiting-customer', now, 'eve@vendor.example');
    const page = await store.find<CaseDocument>(CASES, { ...filter, orderBy: QUEUE_ORDER, limit: 50 });
    return page.items.map((doc) => {
      const detail = caseDetail(
        doc.state,
        doc.revision,
        now,
        () => resolveCalendar(POLICY, doc.state).calendar,
      );
      return { id: doc.id, rank: detail.priority.rank, dueAt: detail.sla.resolution.dueAt };
    });
  };
  const inDueOrder = (listed: { rank: number; dueAt: string }[]) =>
    [...listed].sort((a, b) => a.rank - b.rank || a.dueAt.localeCompare(b.dueAt));

  it("lists the cases in the order of the due times on their rows, on the finding's Sunday evening", async () => {
    const listed = await rows('2026-11-29T20:00:00.000Z');
    expect(listed).toEqual(inDueOrder(listed));
    expect(listed.map((row) => row.id)).toEqual([
      // Severity 2: New York's Friday morning already used some of its 14 days.
      CASE_IDS.newYork,
      CASE_IDS.berlinOffice,
      // Severity 3: the Friday one has less goal time left, whatever the weekend after its pause.
      CASE_IDS.tokyoFriday,
      CASE_IDS.tokyoMonday,
      CASE_IDS.tokyoOpenedFirst,
    ]);
  });

  it('keeps cases on the same calendar in the order of their rows whenever the queue is read', async () => {
    for (const now of ['2026-11-30T12:00:00.000Z', '2026-12-02T23:00:00.000Z', '2026-12-05T10:00:00.000Z']) {
      const tokyo = (await rows(now)).filter((row) => row.id.includes('tokyo'));
      expect(tokyo).toEqual(inDueOrder(tokyo));
      expect(tokyo.map((row) => row.id)).toEqual([
        CASE_IDS.tokyoFriday,
        CASE_IDS.tokyoMonday,
        CASE_IDS.tokyoOpenedFirst,
      ]);
    }
  });
});
