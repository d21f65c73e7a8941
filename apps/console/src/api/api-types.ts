/**
 * The API's responses as the console reads them (API.md). These are the console's own view of the
 * public contract; `api-types.spec.ts` checks at compile time that the server's shapes still fit.
 */
export type CaseStatus = 'new' | 'in-progress' | 'awaiting-customer' | 'resolved' | 'closed' | 'redirected';
export type SlaState = 'running' | 'paused' | 'met' | 'breached';

export interface SlaPause {
  from: string;
  to?: string;
}

export interface SlaGoal {
  amount: number;
  unit: 'minutes' | 'hours' | 'days';
  clock: 'wall' | 'business';
}

export interface SlaTargetView {
  dueAt: string;
  state: SlaState;
  atRisk: boolean;
  atRiskAt: string;
  remainingMs?: number;
  remainingBusinessMs?: number;
  metAt?: string;
  breachedAt?: string;
  startedAt: string;
  goal: SlaGoal;
  pauses: readonly SlaPause[];
}

export interface EscalationView {
  level: number;
  status: string;
  reason: string;
  details: string;
  escalatedAt: string;
  escalatedBy: string;
  acknowledgementDueAt?: string;
  acknowledgedAt?: string;
  nextStatusUpdateDueAt?: string;
  endedAt?: string;
  endReason?: string;
}

export interface CaseView {
  id: string;
  accountId: string;
  licenceId: string;
  product: string;
  /** null (as priority.rank and priority.missionCritical) to a reader who may not see the owning account's licence terms. */
  edition: string | null;
  title: string;
  description: string;
  category?: string;
  status: CaseStatus;
  severity: number;
  priority: { rank: number | null; missionCritical: boolean | null; escalated: boolean; severity: number };
  channel: string;
  openedAt: string;
  openedBy: string;
  openedByName?: string;
  loggedBy?: string;
  assignee: string | null;
  sla: { firstResponse: SlaTargetView; resolution: SlaTargetView };
  escalation: EscalationView | null;
  shares: { email: string; name: string; sharedAt: string; sharedBy: string }[];
  timeZone: string;
  /** The support policy's named calendar the case counts business time on; null: the default. */
  calendar?: string | null;
  firstResponseAt?: string;
  resolvedAt?: string;
  resolutionSummary?: string;
  closedAt?: string;
  redirectedTo?: string;
  referral?: string;
  autoCloseAt?: string;
  /** Present while an open escalation holds the resolved case open. */
  autoCloseWaitsFor?: 'de-escalation';
  lastChangedAt: string;
  revision: number;
  /**
   * Staff only, on the live detail and on queue and case-list rows (absent for customers, with
   * ?asOf= and while nobody is assigned): whether the records vouch for the assignee as staff who
   * may see the case. Nothing vouched for, the API holds back every mail that would reach them.
   */
  assigneeVouched?: boolean;
  /** With `assigneeVouched: false`: why, and what to do. */
  assigneeNotVouchedReason?: string;
}

export interface CaseDetailView extends CaseView {
  team: { email: string; name: string; notify: boolean }[];
  /** The case team is not shown to this reader (a share-only viewer): `team` is empty either way. */
  teamWithheld?: true;
  asOf?: string;
  /**
   * What the signed-in person may do on the case now, as the API judges it (absent with `asOf`, and
   * from an API that predates it): exactly the commands it then accepts from them.
   */
  allowedActions?: ApiCaseAction[];
}

/** The action names of the case detail's `allowedActions`, one per command. */
export type ApiCaseAction =
  | 'comment'
  | 'internalNote'
  | 'requestInformation'
  | 'changeSeverity'
  | 'escalate'
  | 'acknowledgeEscalation'
  | 'postStatusUpdate'
  | 'deEscalate'
  | 'assign'
  | 'unassign'
  | 'share'
  | 'unshare'
  | 'resolve'
  | 'close'
  | 'reopen'
  | 'redirect';

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface QueuePage extends Page<CaseView> {
  queue: string;
  /** The server's "now" the queue was evaluated at. */
  asOf: string;
}

export interface HistoryEntry {
  /** The desk-wide log position: staff and auditors only (a customer's entries carry none). */
  position?: number;
  revision: number;
  id: string;
  type: string;
  at: string;
  actor: string;
  reason?: string;
  data: unknown;
  hash?: string;
  previousHash?: string;
  /** What the event's hash covers besides its content; `actorRoles` says who acted as staff. */
  metadata?: { actorRoles?: string[]; actorName?: string } & Record<string, unknown>;
}

export interface CaseHistory {
  caseId: string;
  events: HistoryEntry[];
}

export interface IntegrityReport {
  caseId: string;
  valid: boolean;
  events: number;
  lastHash?: string;
  brokenAt?: { revision: number; eventId: string; problem: string; expected?: string; actual?: string };
  /** The stream lost events its read models applied (a shorter chain can still be whole). */
  lostEvents?: { appliedRevision: number; streamEndsAt: number | null; reason: string };
  /** The first stored row of the stream that cannot be read (damaged or edited after it was written). */
  unreadable?: UnreadableRow;
  /** Every such row, in revision order, up to a bound; `unreadableCount` counts them all. */
  unreadableRows?: UnreadableRow[];
  unreadableCount?: number;
  /** Present when `unreadableRows` stops short of `unreadableCount`. */
  unreadableRowsCut?: string;
  checkedAt: string;
}

export interface UnreadableRow {
  revision: number;
  position: number;
  /** What is wrong with it, as `casetrail verify --json` words it. */
  problem: string;
}

export type SignInConfig =
  | { mode: 'embedded' }
  | { mode: 'oidc'; issuer: string; clientId: string; scope: string }
  | { mode: 'external-token' };

export interface ConsoleConfig {
  signIn: SignInConfig;
  /** The server's clock when it answered, so countdowns start from the server's instant. */
  serverTime: string;
  /** Each severity's name in the server's policy (a policy file may rename them). */
  severities: { severity: number; name: string }[];
}

/** What a command answers: the case id and its new revision. */
export interface CommandResult {
  id: string;
  revision?: number;
}

/** How a cohort did against one goal (GET /v1/dashboards/sla). Times are business time. */
export interface GoalFiguresView {
  met: number;
  missed: number;
  metPercent: number | null;
  measured: number;
  medianBusinessMs: number | null;
  p90BusinessMs: number | null;
}

export interface SeverityFiguresView {
  severity: number;
  name: string;
  open: number;
  breachedNow: number;
  atRisk: number;
  openEscalations: number;
  /** Of `openEscalations`, those whose acknowledgement or next status update is past due now (the board's `overdue`). */
  overdueEscalations: number;
  firstResponse: GoalFiguresView;
  resolution: GoalFiguresView;
}

/** A report's or board's `scope`: whose accounts its figures cover (the API's ReportCoverage). */
export interface ReportCoverageView {
  /** `all` accounts, the one `requested`, or `your-accounts` (a CSM's, or a customer's compliance auditor's). */
  accounts: 'all' | 'requested' | 'your-accounts';
  /** The accounts covered (absent for `all`), sorted. */
  accountIds?: string[];
  /** For `your-accounts`: the CSM whose accounts these are. */
  csm?: string;
  /** For `your-accounts` of a customer's compliance auditor: the auditor whose accounts these are. */
  auditor?: string;
}

export interface SlaDashboardView {
  /** The server's instant the figures were evaluated at. */
  asOf: string;
  scope: ReportCoverageView;
  severities: SeverityFiguresView[];
  /** The severities' `overdueEscalations` together. */
  overdueEscalations: number;
}

/** One UTC day and severity of GET /v1/reports/sla-daily (the console reads a few of its columns). */
export interface SlaDailyRowView {
  date: string;
  severity: number;
  opened: number;
  breaches: number;
  escalations: number;
  firstResponseMetPercent: number | null;
  resolutionMetPercent: number | null;
}

export interface SlaDailyReportView {
  from: string;
  to: string;
  rows: SlaDailyRowView[];
}

/** One escalation of GET /v1/escalations (the escalations board, staff). */
export interface EscalationBoardItemView {
  /** `<caseId>:<level>`. */
  id: string;
  caseId: string;
  accountId: string;
  product: string;
  title: string;
  missionCritical: boolean;
  severity: number;
  caseStatus: string;
  assignee: string | null;
  /** From an API that judges it: whether the records vouch for the assignee (see CaseView). */
  assigneeVouched?: boolean;
  assigneeNotVouchedReason?: string;
  level: number;
  reason: string;
  details: string;
  raisedBy: string;
  escalatedAt: string;
  escalatedBy: string;
  status: string;
  open: boolean;
  acknowledgementDueAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  lastStatusUpdateAt: string | null;
  lastStatusUpdateBy: string | null;
  /** Who owes its status updates now ('support-team' when nobody who worked it can); null while awaiting acknowledgement and once ended. */
  statusUpdatesOwedBy: string | null;
  statusUpdates: number;
  overdueRecorded: number;
  overdueCarried: number;
  endedAt: string | null;
  endReason: string | null;
  endedBy: string | null;
  nextDue: 'acknowledgement' | 'status-update' | null;
  nextDueAt: string | null;
  /** Past `nextDueAt` at the board's `asOf`. */
  overdue: boolean;
  /** The case's time zone; absent from an older API (then UTC alone). */
  timeZone?: string;
}

export interface EscalationsBoardView extends Page<EscalationBoardItemView> {
  /** The board shown: an EscalationBoardState. */
  state: string;
  /** The server's instant `overdue` was judged at. */
  asOf: string;
  scope: ReportCoverageView;
}

/** One licence of GET /v1/licences: those the signed-in customer holds or is invited to. */
export interface LicenceListItem {
  id: string;
  accountId: string;
  accountName: string | null;
  product: string;
  edition: string;
  plan: string;
  activeUntil: string;
  /** The instant it is no longer in force (a last day's: noon UTC the next day). */
  expiresAt?: string;
  /** Its account's time zone (null: UTC), in which the console and the mails say its times. */
  accountTimeZone?: string | null;
  active: boolean;
  standing: ('holder' | 'active-user' | 'pending-invitation')[];
  mayOpenCases: boolean;
  /** Whether the caller may invite, remove and edit its users now (the holder, or a user who manages users). */
  mayManageUsers?: boolean;
  /** With the seats, to those who see the licence: invitations not yet registered, and those past the follow-up time. */
  pendingInvitations?: number;
  pendingInvitationsOverdue?: number;
  seatsUsed?: number;
  seatsLeft?: number | 'unlimited';
  holderEmail?: string;
  /** The caller's own permissions as a user of the licence; null when they are not one. */
  permissions?: { manageUsers: boolean; shareTickets: boolean; seeSharedTickets: boolean } | null;
  /** For a pending invitation of a licence in force: the request that completes the registration (POST, no body, own token). */
  activation?: string;
  /**
   * For a pending invitation of a licence that has ended: no `activation` (it would be refused 403
   * licence-expired); the registration waits for the licence's renewal.
   */
  registrationWaitsForRenewal?: boolean;
}

/** A licensed user's permissions (basic access always comes with them). */
export interface LicensedUserPermissions {
  manageUsers: boolean;
  shareTickets: boolean;
  seeSharedTickets: boolean;
}

/** One user of GET /v1/licences/{licenceId}. */
export interface LicensedUserView {
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  country: string;
  status: 'pending' | 'active';
  permissions: LicensedUserPermissions;
  invitedAt: string;
  registeredAt: string | null;
  /** Pending only, from an API that gives it: when the invitation was last sent again (null: never). */
  lastSentAt?: string | null;
  /** Pending only, from an API that gives it: from when it may be sent again (409 sooner). */
  nextResendAt?: string;
  /**
   * Pending only, from an API that gives it: overdue by the rule the licence list's count follows
   * (follow-up time passed since it was last sent, on a licence in force).
   */
  overdue?: boolean;
}

/** GET /v1/licences/{licenceId}: terms, seats and users (every user to the holder and user managers). */
export interface LicenceView {
  id: string;
  accountId: string;
  product: string;
  edition: string;
  plan: string;
  activeUntil: string;
  expiresAt: string;
  seats: number | 'unlimited';
  holderEmail: string;
  issuedAt: string;
  active: boolean;
  seatsUsed: number;
  /** A number, or "unlimited". */
  seatsLeft: number | string;
  users: LicensedUserView[];
  /** The revision a change's If-Match takes. */
  revision: number;
}

/** GET /v1/licences/{licenceId}/pending-invitations: those pending past the follow-up time. */
export interface PendingInvitationsView {
  licenceId: string;
  olderThanHours: number;
  invitations: LicensedUserView[];
  nextCursor?: string;
}

/** One change of GET /v1/licences/{licenceId}/user-changes. */
export interface LicenceUserChange {
  revision: number;
  at: string;
  by: string;
  /** `withdrawn`: a pending invitation taken back; `removed`: a registered user. */
  change:
    | 'invited'
    | 'invitation-resent'
    | 'registered'
    | 'permissions-changed'
    | 'removed'
    | 'withdrawn'
    | 'holder-changed';
  email: string;
  previousHolderEmail?: string;
  permissions?: LicensedUserPermissions;
  previousPermissions?: LicensedUserPermissions;
  reason?: string;
}

export interface LicenceUserChangesView {
  licenceId: string;
  changes: LicenceUserChange[];
  nextCursor?: string;
}
