import { caseDecider, fold, type OpenedCase } from '@casetrail/domain';
import {
  actors,
  commands,
  context,
  entitlement,
  historyOf,
} from '@casetrail/domain/cases/testing/case-fixtures';
import type { AccountFacts } from './notification-facts';
import { CASE_NOTIFICATION_KINDS, notificationKindOf, type CaseNotificationKind } from './notification-kinds';
import { notificationRecipients, type RecipientFacts } from './notification-recipients';

const missionCritical = context({ entitlement: entitlement({ account: { missionCritical: true } }) });

/** A case Alice opened, shared with Dora, assigned to Eve. */
function caseState(ctx = context()): OpenedCase {
  const state = fold(
    caseDecider,
    historyOf(
      [
        commands.openCase(),
        commands.share(),
        {
          type: 'AssignEngineer',
          caseId: 'case-1',
          actor: actors.engineer,
          at: '2024-06-03T10:00:00.000Z',
          engineer: actors.engineer.email,
        },
      ],
      ctx,
    ),
  );
  if (state.status === 'none') throw new Error('the case should be open');
  return state;
}

const account: AccountFacts = {
  id: 'acc-1',
  csm: 'carla@vendor.example',
  team: {
    'tom@acme.example': { name: 'Tom Team', notify: true },
    'olga@partner.example': { name: 'Olga Optout', notify: false },
  },
};

function recipientsOf(kind: CaseNotificationKind, overrides: Partial<RecipientFacts> = {}) {
  return notificationRecipients({
    kind,
    actor: 'someone@elsewhere.example',
    state: caseState(),
    account,
    caseStaff: ['eve@vendor.example', 'oscar@vendor.example'],
    supportTeam: ['support-team@vendor.example'],
    ...overrides,
  }).map(({ email, audience, reasons, withheld }) => ({
    email,
    audience,
    reasons,
    ...(withheld ? { withheld } : {}),
  }));
}

describe('notification recipients', () => {
  it('tells the opener, opted-in case-team members, shared users and the assignee of a public update', () => {
    expect(recipientsOf('case-updated')).toEqual([
      { email: 'alice@acme.example', audience: 'customer', reasons: ['opener'] },
      { email: 'dora@acme.example', audience: 'customer', reasons: ['shared'] },
      { email: 'eve@vendor.example', audience: 'staff', reasons: ['assignee'] },
      { email: 'tom@acme.example', audience: 'customer', reasons: ['case-team'] },
    ]);
  });

  it('adds the CSM when the case is Mission Critical, for every kind', () => {
    const state = caseState(missionCritical);
    for (const kind of CASE_NOTIFICATION_KINDS) {
      expect(recipientsOf(kind, { state }).map((recipient) => recipient.email)).toContain(
        'carla@vendor.example',
      );
    }
    expect(recipientsOf('case-updated').map((recipient) => recipient.email)).not.toContain(
      'carla@vendor.example',
    );
  });

  it('tells only staff of a change of Mission Critical cover: the assignee, and the CSM while the cover holds', () => {
    expect(recipientsOf('priority', { state: caseState(missionCritical) })).toEqual([
      { email: 'carla@vendor.example', audience: 'staff', reasons: ['csm'] },
      { email: 'eve@vendor.example', audience: 'staff', reasons: ['assignee'] },
    ]);
    expect(recipientsOf('priority')).toEqual([
      { email: 'eve@vendor.example', audience: 'staff', reasons: ['assignee'] },
    ]);
  });

  it('sends internal notes to staff only: assignee, staff involved in the case, Mission Critical CSM', () => {
    const recipients = recipientsOf('internal-note', { state: caseState(missionCritical) });
    expect(recipients).toEqual([
      { email: 'carla@vendor.example', audience: 'staff', reasons: ['csm'] },
      { email: 'eve@vendor.example', audience: 'staff', reasons: ['assignee', 'case-staff'] },
      { email: 'oscar@vendor.example', audience: 'staff', reasons: ['case-staff'] },
    ]);
    expect(recipients.every((recipient) => recipient.audience === 'staff')).toBe(true);
  });

  it('tells a CSM who worked on the case, or is its assignee, only while CSM of its account', () => {
    const workedOnIt = { caseStaff: ['carla@vendor.example', 'oscar@vendor.example'] };
    const csmOnly = { ...workedOnIt, accountBoundStaff: ['Carla@vendor.example'] };
    const withCsm = (csm: string | null) => ({ ...account, csm });
    // Those sent it: an assignee who may not see the case is listed withheld (see `withheld`).
    const emails = (kind: CaseNotificationKind, overrides: Partial<RecipientFacts>) =>
      recipientsOf(kind, overrides)
        .filter((recipient) => recipient.withheld === undefined)
        .map((recipient) => recipient.email);

    // Still the account's CSM: she sees the case, and hears of its internal notes.
    expect(emails('internal-note', csmOnly)).toContain('carla@vendor.example');
    // Replaced or removed: not as one who worked on it (an engineer who did still hears of it)...
    for (const csm of ['dana@vendor.example', null]) {
      const note = emails('internal-note', { ...csmOnly, account: withCsm(csm) });
      expect(note).not.toContain('carla@vendor.example');
      expect(note).toContain('oscar@vendor.example');
    }
    // ...nor as its assignee, of anything on it.
    const assignedToCarla = { ...caseState(), assignee: 'carla@vendor.example' };
    for (const kind of CASE_NOTIFICATION_KINDS) {
      const facts = { ...csmOnly, state: assignedToCarla, account: withCsm('dana@vendor.example') };
      expect(emails(kind, facts)).not.toContain('carla@vendor.example');
      const carla = recipientsOf(kind, facts).find(({ email }) => email === 'carla@vendor.example');
      if (carla) expect(carla.withheld).toContain('was not the CSM of the case');
    }
    // Someone not known to have acted as a CSM only (an engineer) is told wherever the CSM is.
    expect(emails('internal-note', { ...workedOnIt, account: withCsm(null) })).toContain(
      'carla@vendor.example',
    );
  });

  it('sends SLA alerts to the engineers (assignee, support team) and not to customers', () => {
    expect(recipientsOf('sla-alert')).toEqual([
      { email: 'eve@vendor.example', audience: 'staff', reasons: ['assignee'] },
      { email: 'support-team@vendor.example', audience: 'staff', reasons: ['support-team'] },
    ]);
  });

  it('sends escalations to the customers and to the support team', () => {
    expect(recipientsOf('escalation').map((recipient) => recipient.email)).toEqual([
      'alice@acme.example',
      'dora@acme.example',
      'eve@vendor.example',
      'support-team@vendor.example',
      'tom@acme.example',
    ]);
  });

  it('never tells the actor about their own change', () => {
    const byAlice = recipientsOf('case-updated', { actor: 'Alice@Acme.example' }).map(
      (recipient) => recipient.email,
    );
    expect(byAlice).not.toContain('alice@acme.example');
    const byEve = recipientsOf('internal-note', { actor: 'eve@vendor.example' }).map(
      (recipient) => recipient.email,
    );
    expect(byEve).toEqual(['oscar@vendor.example']);
  });

  it('skips opted-out case-team members, yet a share of the case still reaches them', () => {
    expect(recipientsOf('case-updated').map((recipient) => recipient.email)).not.toContain(
      'olga@partner.example',
    );
    const state = caseState();
    const shared = {
      ...state,
      shares: [
        ...state.shares,
        {
          email: 'olga@partner.example',
          name: 'Olga',
          sharedAt: state.openedAt,
          sharedBy: 'eve@vendor.example',
        },
      ],
    };
    expect(recipientsOf('case-updated', { state: shared })).toContainEqual({
      email: 'olga@partner.example',
      audience: 'customer',
      reasons: ['shared'],
    });
  });

  it('tells of a share or an unshare only the person it is about, of those the case is shared with', () => {
    const state = caseState();
    const sharedWithTwo = {
      ...state,
      shares: [
        ...state.shares,
        { email: 'sue@other.example', name: 'Sue', sharedAt: state.openedAt, sharedBy: 'alice@acme.example' },
      ],
    };
    const told = (shareSubject: string) =>
      recipientsOf('case-updated', { state: sharedWithTwo, shareSubject }).map(
        (recipient) => recipient.email,
      );
    expect(told('Sue@Other.example')).toEqual([
      'alice@acme.example',
      'eve@vendor.example',
      'sue@other.example',
      'tom@acme.example',
    ]);
    // Unshared: Sue is gone from the shares, and Dora is not told about her either.
    expect(told('sue@other.example')).not.toContain('dora@acme.example');
    expect(
      recipientsOf('case-updated', { state: sharedWithTwo }).map((recipient) => recipient.email),
    ).toContain('dora@acme.example');
  });

  it('lists one recipient once with every reason that applies', () => {
    const teamOpener = {
      ...account,
      team: { ...account.team, 'alice@acme.example': { name: 'Alice', notify: true } },
    };
    expect(recipientsOf('case-updated', { account: teamOpener })).toContainEqual({
      email: 'alice@acme.example',
      audience: 'customer',
      reasons: ['opener', 'case-team'],
    });
  });
});

describe('notification kinds', () => {
  it('gives internal notes their own kind and skips events whose companion already notifies', () => {
    const [opened, comment, note] = historyOf([
      commands.openCase(),
      commands.comment({ commentId: 'c-1' }),
      commands.comment({ commentId: 'c-2', internal: true, body: 'internal' }),
    ]).filter((event) => event.type !== 'FirstResponseGiven');
    expect([opened, comment, note].map(notificationKindOf)).toEqual([
      'case-opened',
      'case-updated',
      'internal-note',
    ]);
    const firstResponse = historyOf([commands.openCase(), commands.comment()]).find(
      (event) => event.type === 'FirstResponseGiven',
    );
    expect(firstResponse && notificationKindOf(firstResponse)).toBeUndefined();
  });
});
