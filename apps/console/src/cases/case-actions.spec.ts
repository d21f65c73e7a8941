import type { CaseDetailView, CaseView, EscalationView } from '../api/api-types';
import { allowedActions, mayUnshare, Viewer } from './case-actions';

const engineer: Viewer = { email: 'eve@vendor.example', roles: ['engineer'] };
const csm: Viewer = { email: 'carl@vendor.example', roles: ['csm'] };
const auditor: Viewer = { email: 'audrey@vendor.example', roles: ['auditor'] };
const opener: Viewer = { email: 'jane.doe@acme.example', roles: [] };
const colleague: Viewer = { email: 'john@acme.example', roles: [] };

const view = (status: CaseView['status'], escalation: Partial<EscalationView> | null = null) =>
  ({ status, openedBy: 'Jane.Doe@acme.example', escalation }) as CaseView;

describe('allowedActions', () => {
  it('gives an engineer the whole workflow on a new case', () => {
    expect(allowedActions(view('new'), engineer)).toEqual([
      'comment',
      'internal-note',
      'request-information',
      'change-severity',
      'escalate',
      'assign',
      'share',
      'resolve',
      'redirect',
    ]);
  });

  it('offers an engineer to unassign a live case someone is assigned, beside assigning it', () => {
    const assigned = (status: CaseView['status']) => ({ ...view(status), assignee: 'eve@vendor.example' });
    const actions = allowedActions(assigned('in-progress'), engineer);
    expect(actions.slice(actions.indexOf('assign'), actions.indexOf('assign') + 2)).toEqual([
      'assign',
      'unassign',
    ]);
    expect(allowedActions(assigned('resolved'), engineer)).toContain('unassign');
    expect(allowedActions(assigned('closed'), engineer)).not.toContain('unassign');
    expect(allowedActions(assigned('in-progress'), csm)).not.toContain('unassign');
    expect(allowedActions(assigned('in-progress'), opener)).not.toContain('unassign');
  });

  it('offers nothing to a token with the auditor role, whatever other roles it carries', () => {
    expect(allowedActions(view('new'), auditor)).toEqual([]);
    expect(allowedActions(view('new'), { ...auditor, roles: ['auditor', 'engineer', 'admin'] })).toEqual([]);
  });

  it('lets the customer comment, escalate and share their own case, but not change severity', () => {
    expect(allowedActions(view('in-progress'), opener)).toEqual(['comment', 'escalate', 'share']);
    expect(allowedActions(view('in-progress'), colleague)).toEqual(['comment', 'escalate']);
  });

  it('does not offer sharing to an opener without the share-tickets permission on the licence', () => {
    expect(allowedActions(view('in-progress'), { ...opener, sharesTickets: false })).toEqual([
      'comment',
      'escalate',
    ]);
    expect(allowedActions(view('in-progress'), { ...opener, sharesTickets: true })).toContain('share');
  });

  it('offers escalating, and closing an escalated case, only to a licensed user of the account, not to a case-team member or a sharee', () => {
    const follower: Viewer = { email: 'pat@partnerco.example', roles: [], licensedOnAccount: false };
    expect(allowedActions(view('in-progress'), follower)).toEqual(['comment']);
    const escalatedResolved = view('resolved', { status: 'awaiting-acknowledgement', level: 3 });
    expect(allowedActions(escalatedResolved, follower)).toEqual(['comment', 'reopen']);
    const licensed: Viewer = { ...colleague, licensedOnAccount: true };
    expect(allowedActions(escalatedResolved, licensed)).toEqual(['comment', 'escalate', 'close', 'reopen']);
    // A follower may still confirm a resolution nobody escalated (the API takes it).
    expect(allowedActions(view('resolved'), follower)).toContain('close');
  });

  it('offers a customer neither reopening nor sharing once the case licence has expired; an engineer may still reopen', () => {
    const lapsed: Viewer = { ...opener, sharesTickets: true, caseLicenceActive: false };
    expect(allowedActions(view('closed'), lapsed)).toEqual([]);
    expect(allowedActions(view('resolved'), lapsed)).not.toContain('reopen');
    expect(allowedActions(view('closed'), { ...engineer, caseLicenceActive: false })).toContain('reopen');
    expect(allowedActions(view('closed'), { ...lapsed, caseLicenceActive: true })).toEqual([
      'share',
      'reopen',
    ]);
  });

  it('offers closing and reopening a resolved case, and only reopening a closed one', () => {
    expect(allowedActions(view('resolved'), opener)).toEqual([
      'comment',
      'escalate',
      'share',
      'close',
      'reopen',
    ]);
    expect(allowedActions(view('closed'), opener)).toEqual(['share', 'reopen']);
  });

  it('offers reopening a redirected case, as a closed one, to the customer and to the engineer correcting a redirection', () => {
    expect(allowedActions(view('redirected'), opener)).toEqual(['share', 'reopen']);
    expect(allowedActions(view('redirected'), engineer)).toContain('reopen');
  });

  it('offers staff no closure of a resolved case while its escalation is open; the customer may still close it', () => {
    for (const status of ['awaiting-acknowledgement', 'acknowledged'] as const) {
      for (const staff of [engineer, csm]) {
        expect(allowedActions(view('resolved', { status }), staff)).not.toContain('close');
      }
      expect(allowedActions(view('resolved', { status }), opener)).toContain('close');
    }
    expect(allowedActions(view('resolved', { status: 'de-escalated' }), engineer)).toContain('close');
    expect(allowedActions(view('resolved'), csm)).toContain('close');
  });

  it('offers no redirection while an escalation is open, resolved or not, as the API refuses it', () => {
    for (const status of ['awaiting-acknowledgement', 'acknowledged'] as const) {
      for (const caseStatus of ['in-progress', 'resolved'] as const) {
        expect(allowedActions(view(caseStatus, { status }), engineer)).not.toContain('redirect');
      }
    }
    expect(allowedActions(view('in-progress', { status: 'de-escalated' }), engineer)).toContain('redirect');
  });

  it('lets an engineer refer a resolved case out, as the API allows', () => {
    expect(allowedActions(view('resolved'), engineer)).toContain('redirect');
    expect(allowedActions(view('closed'), engineer)).not.toContain('redirect');
  });

  it('lets staff handle an escalation step by step', () => {
    expect(allowedActions(view('in-progress', { status: 'awaiting-acknowledgement' }), csm)).toEqual([
      'comment',
      'internal-note',
      'acknowledge-escalation',
    ]);
    expect(allowedActions(view('in-progress', { status: 'acknowledged' }), csm)).toEqual([
      'comment',
      'internal-note',
      'post-status-update',
      'de-escalate',
    ]);
    expect(allowedActions(view('in-progress', { status: 'de-escalated' }), csm)).not.toContain('de-escalate');
  });

  it('offers De-escalate only once the escalation is acknowledged, at any level, as the API refuses it before', () => {
    for (const staff of [engineer, csm]) {
      for (const level of [1, 2]) {
        const unacknowledged = view('in-progress', { status: 'awaiting-acknowledgement', level });
        expect(allowedActions(unacknowledged, staff)).toContain('acknowledge-escalation');
        expect(allowedActions(unacknowledged, staff)).not.toContain('de-escalate');
        const acknowledged = view('in-progress', { status: 'acknowledged', level });
        expect(allowedActions(acknowledged, staff)).toContain('de-escalate');
        expect(allowedActions(acknowledged, staff)).not.toContain('acknowledge-escalation');
      }
    }
  });

  it('lets admins comment and leave internal notes, nothing more', () => {
    const admin: Viewer = { email: 'adam@vendor.example', roles: ['admin'] };
    expect(allowedActions(view('new'), admin)).toEqual(['comment', 'internal-note']);
    expect(allowedActions(view('closed'), admin)).toEqual(['internal-note']);
  });

  it('keeps auditors read-only', () => {
    expect(allowedActions(view('new'), auditor)).toEqual([]);
  });

  describe("with the case detail's allowedActions", () => {
    const detail = (allowed: CaseDetailView['allowedActions'], extra: Partial<CaseDetailView> = {}) =>
      ({ ...view('resolved'), allowedActions: allowed, ...extra }) as CaseDetailView;

    it('offers a sharee of a case whose licence expired what the API lists, not Reopen nor Share', () => {
      const sharee: Viewer = { email: 'sam@othercorp.example', roles: [] };
      // Without the API's word the console can only guess: Reopen is offered, then refused.
      expect(allowedActions(view('resolved'), sharee)).toContain('reopen');
      const actions = allowedActions(detail(['comment', 'unshare', 'close']), sharee);
      expect(actions).toEqual(['comment', 'close']);
      expect(mayUnshare(detail(['comment', 'unshare', 'close']), sharee)).toBe(true);
      expect(mayUnshare(detail(['comment', 'close']), opener)).toBe(false);
    });

    it("maps the API's names to the console's and follows them whatever the viewer seems to hold", () => {
      const all: CaseDetailView['allowedActions'] = [
        'comment',
        'internalNote',
        'requestInformation',
        'changeSeverity',
        'escalate',
        'acknowledgeEscalation',
        'postStatusUpdate',
        'deEscalate',
        'assign',
        'unassign',
        'share',
        'resolve',
        'close',
        'reopen',
        'redirect',
      ];
      expect(allowedActions(detail(all, { assignee: 'eve@vendor.example' }), auditor)).toEqual([
        'comment',
        'internal-note',
        'request-information',
        'change-severity',
        'escalate',
        'acknowledge-escalation',
        'post-status-update',
        'de-escalate',
        'assign',
        'unassign',
        'share',
        'resolve',
        'close',
        'reopen',
        'redirect',
      ]);
      expect(allowedActions(detail([]), engineer)).toEqual([]);
    });

    it("offers De-escalate on an escalation nobody acknowledged only if the API's list has it (it leaves it out)", () => {
      const awaiting = detail(
        ['comment', 'internalNote', 'acknowledgeEscalation', 'assign'],
        view('in-progress', { status: 'awaiting-acknowledgement', level: 2 }),
      );
      expect(allowedActions(awaiting, engineer)).toEqual([
        'comment',
        'internal-note',
        'acknowledge-escalation',
        'assign',
      ]);
      const acknowledged = detail(
        ['comment', 'internalNote', 'postStatusUpdate', 'deEscalate', 'assign'],
        view('in-progress', { status: 'acknowledged', level: 2 }),
      );
      expect(allowedActions(acknowledged, engineer)).toEqual([
        'comment',
        'internal-note',
        'post-status-update',
        'de-escalate',
        'assign',
      ]);
    });

    it('offers Unassign only once someone is assigned, and skips names it does not know', () => {
      const listed = ['assign', 'unassign', 'somethingNew'] as unknown as CaseDetailView['allowedActions'];
      expect(allowedActions(detail(listed, { assignee: null }), engineer)).toEqual(['assign']);
      expect(allowedActions(detail(listed, { assignee: 'eve@vendor.example' }), engineer)).toEqual([
        'assign',
        'unassign',
      ]);
    });
  });
});
