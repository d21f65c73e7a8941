import type { ApiCaseAction, CaseDetailView, CaseView } from '../api/api-types';
import type { StaffRole } from '../auth/jwt-claims';

export type CaseAction =
  | 'comment'
  | 'internal-note'
  | 'request-information'
  | 'change-severity'
  | 'escalate'
  | 'acknowledge-escalation'
  | 'post-status-update'
  | 'de-escalate'
  | 'assign'
  | 'unassign'
  | 'share'
  | 'resolve'
  | 'close'
  | 'reopen'
  | 'redirect';

export interface Viewer {
  email: string;
  roles: readonly StaffRole[];
  /**
   * For a customer: whether they hold the share-tickets permission on the case's licence (from
   * GET /v1/licences); undefined while unknown, when the API decides. The API refuses an opener
   * without it (sharing-not-allowed), so the console does not offer what would be refused.
   */
  sharesTickets?: boolean;
  /**
   * For a customer: whether they are an active user of an active licence of the case's account
   * (from GET /v1/licences, `mayOpenCases`); undefined while unknown. Only such a licensed user
   * may escalate, or close an escalated case (which ends the escalation); a case-team member or a
   * person the case is shared with is refused (escalation-not-allowed, escalated-closure-not-allowed).
   */
  licensedOnAccount?: boolean;
  /**
   * For a customer: whether the case's own licence is still in force (GET /v1/licences `active`);
   * undefined when unknown (not one of their licences). On an expired licence a customer may no
   * longer reopen or share its cases (403 licence-expired); an engineer still may.
   */
  caseLicenceActive?: boolean;
}

/** The console's action for each of the API's (`unshare` is offered beside each shared person instead). */
const CONSOLE_ACTION: Record<Exclude<ApiCaseAction, 'unshare'>, CaseAction> = {
  comment: 'comment',
  internalNote: 'internal-note',
  requestInformation: 'request-information',
  changeSeverity: 'change-severity',
  escalate: 'escalate',
  acknowledgeEscalation: 'acknowledge-escalation',
  postStatusUpdate: 'post-status-update',
  deEscalate: 'de-escalate',
  assign: 'assign',
  unassign: 'unassign',
  share: 'share',
  resolve: 'resolve',
  close: 'close',
  reopen: 'reopen',
  redirect: 'redirect',
};

/**
 * The actions the console offers the signed-in person on a case. The case detail's `allowedActions`
 * when the API gives them: what it then accepts, judged with what the console cannot know (a
 * licence the person may not read, its term); Unassign only once someone is assigned (the API takes
 * it on a case nobody is, changing nothing). Otherwise (an older API) a guess following DOMAIN.md:
 * the API decides, and its refusal is shown as it comes.
 */
export function allowedActions(view: CaseView | CaseDetailView, viewer: Viewer): CaseAction[] {
  const fromApi = 'allowedActions' in view ? view.allowedActions : undefined;
  if (fromApi) {
    return fromApi.flatMap((action) => {
      // An action this console does not know yet (a newer API) is not offered.
      const offered = action === 'unshare' ? undefined : CONSOLE_ACTION[action];
      return offered && !(offered === 'unassign' && !view.assignee) ? [offered] : [];
    });
  }
  return guessedActions(view, viewer);
}

/**
 * Whether the person may stop sharing the case with the people it is shared with: as the API says
 * (`unshare`: the opener, a sharer, or a sharee leaving it), else whoever may share.
 */
export function mayUnshare(view: CaseView | CaseDetailView, viewer: Viewer): boolean {
  const fromApi = 'allowedActions' in view ? view.allowedActions : undefined;
  return fromApi ? fromApi.includes('unshare') : guessedActions(view, viewer).includes('share');
}

/** What DOMAIN.md lets the person do, as far as the console knows (see `Viewer`). */
function guessedActions(view: CaseView, viewer: Viewer): CaseAction[] {
  // A token with the auditor role changes nothing, whatever other roles it carries (the API refuses).
  if (viewer.roles.includes('auditor')) return [];
  const engineer = viewer.roles.includes('engineer');
  const caseStaff = engineer || viewer.roles.includes('csm');
  const customer = viewer.roles.length === 0;
  const live = view.status !== 'closed' && view.status !== 'redirected';
  // Auditors only read cases; admins may comment (publicly or internally) but not work them.
  if (!customer && !caseStaff) {
    if (!viewer.roles.includes('admin')) return [];
    return live ? ['comment', 'internal-note'] : ['internal-note'];
  }

  const working = view.status === 'new' || view.status === 'in-progress';
  const escalation = view.escalation;
  const escalationOpen = !!escalation && escalation.status !== 'de-escalated';
  // The viewer's email is read as the API reads it (jwt-claims.ts); the API stores it that way.
  const opener = view.openedBy.normalize('NFC').toLowerCase() === viewer.email;
  const actions: CaseAction[] = [];
  const offer = (action: CaseAction, when: boolean) => {
    if (when) actions.push(action);
  };

  offer('comment', live);
  offer('internal-note', caseStaff);
  offer('request-information', engineer && working);
  offer('change-severity', engineer && live);
  const customerMayEscalate = customer && viewer.licensedOnAccount !== false;
  offer('escalate', (customerMayEscalate || engineer) && live);
  offer('acknowledge-escalation', caseStaff && escalation?.status === 'awaiting-acknowledgement');
  offer('post-status-update', caseStaff && escalation?.status === 'acknowledged');
  // Only once acknowledged: the API refuses ending one nobody acknowledged (escalation-not-acknowledged).
  offer('de-escalate', caseStaff && escalation?.status === 'acknowledged');
  offer('assign', engineer && live);
  // Back to the unassigned queue (a case taken by mistake, or at the end of a shift).
  offer('unassign', engineer && live && !!view.assignee);
  const customerLicenceLapsed = customer && viewer.caseLicenceActive === false;
  offer(
    'share',
    engineer || (customer && opener && viewer.sharesTickets !== false && !customerLicenceLapsed),
  );
  offer('resolve', engineer && (working || view.status === 'awaiting-customer'));
  // Staff close an escalated case only once it is de-escalated with a reason (the API refuses it
  // with escalation-open); the customer's own closure withdraws the escalation, which only a
  // customer who may escalate may do.
  offer('close', view.status === 'resolved' && (escalationOpen ? customerMayEscalate : true));
  // A redirected case is reopened as a closed one is (a disputed scope call, an engineer's slip);
  // past the reopen window the API refuses it, saying so.
  offer(
    'reopen',
    !customerLicenceLapsed &&
      (view.status === 'resolved' || view.status === 'closed' || view.status === 'redirected'),
  );
  // A resolved case may still be referred out (the API takes it): it then counts as redirected.
  // Not while an escalation is open: the API refuses it (escalation-open) until it is de-escalated.
  offer('redirect', engineer && live && !escalationOpen);
  return actions;
}
