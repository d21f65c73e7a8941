import {
  isInvitation,
  isLicenceChange,
  isLicenceIssued,
  type CaseNotification,
  type CaseSnapshot,
  type OutboxNotification,
  type SlaTargetSnapshot,
} from '@casetrail/readmodels/notifications';
import { onOneLine } from '@casetrail/domain/shared/unsafe-characters';
import { SUPPORT_TEAM_OWES, type StatusUpdatesOwer } from '@casetrail/domain';
import { describeChange, type ChangeDescription, type DescribeOptions } from './describe-change';
import { formatInstant, formatInstantsApart } from './format-instant';
import { escapeHtml } from './html';
import { renderInvitation } from './render-invitation';
import { renderLicenceChange } from './render-licence-change';
import { renderLicenceIssued } from './render-licence-issued';
import { owedUpdatesReason } from './owed-updates-reason';
import { whyYouReceiveThis } from './why-you-receive-this';

export interface RenderedNotification {
  subject: string;
  text: string;
  html: string;
}

export interface RenderContext {
  /** The public base URL of the API and its support console, for the links in a message. */
  publicUrl: string;
  /**
   * Judged by the delivery worker at send time (the row's writer has no directory): the assignee
   * the row names as owing the escalation's status updates (or, on the overdue acknowledgement of
   * a level raised over a missed update, as having owed that update), whom the records do not
   * vouch for as staff. The "Owed by" (or "Missed") line names who can act in their stead, and why.
   */
  unvouchedOwer?: string;
  /**
   * Judged by the delivery worker at send time, on an overdue acknowledgement's alert: the case's
   * assignee, whom the records do not vouch for as staff (their copy is withheld). The "Assigned to"
   * line says they were not told.
   */
  unvouchedAssignee?: string;
}

const STATUS_NAMES = {
  new: 'New',
  'in-progress': 'In progress',
  'awaiting-customer': 'Awaiting your reply',
  resolved: 'Resolved',
  closed: 'Closed',
  redirected: 'Redirected',
} as const;

/** "Awaiting your reply" is for the customer; staff wait for the customer. */
function statusName(row: CaseNotification): string {
  if (row.case.status === 'awaiting-customer' && row.audience === 'staff')
    return "Awaiting the customer's reply";
  return STATUS_NAMES[row.case.status];
}

/** Hex digits of a case id a reference keeps: the UUID's last group, 48 bits. */
const REFERENCE_DIGITS = 12;

/**
 * Subject: "[Casetrail #0b1c2d3e4f50] <title>: <what changed>", so a mailbox sorts and threads by
 * case. The digits are the id's last group as the id writes it, so the eye matches them to the
 * id. Derived from the id alone: every send of a notification says the same.
 *
 * Case ids are UUIDv7 (or, opened with an Idempotency-Key, UUIDv8 from a SHA-256 hash). A
 * UUIDv7's leading digits are the opening millisecond, which cases opened within a minute or so
 * share; its last group is 42 fresh random bits and the low 6 bits of a counter the `uuid`
 * package seeds at random each millisecond, so 48 random bits. Among n cases the expected number
 * of pairs sharing a reference is n^2 / 2^(bits+1): with the former 8 digits (32 bits), 1.2 at
 * 100,000 cases; with 12 digits, 0.0018 at a million.
 */
export function caseReference(caseId: string): string {
  return `#${caseId.replace(/-/g, '').slice(-REFERENCE_DIGITS)}`;
}

/** The message for one outbox row, from the row's facts alone, so every send of it renders the same. */
export function renderNotification(row: OutboxNotification, context: RenderContext): RenderedNotification {
  if (isInvitation(row)) return renderInvitation(row, context);
  if (isLicenceIssued(row)) return renderLicenceIssued(row, context);
  if (isLicenceChange(row)) return renderLicenceChange(row, context);
  return renderCaseNotification(row, context);
}

/** A case notification: case number, title, what changed, by whom, SLA state, link. */
function renderCaseNotification(row: CaseNotification, context: RenderContext): RenderedNotification {
  // Times in the case's business zone with UTC beside them; rows from before the outbox recorded
  // the zone have none, and show UTC only.
  const timeZone = row.case.timeZone;
  const when = (iso: string) => formatInstant(iso, timeZone);
  const owedBy = statusUpdateOwer(row.case.escalation, context.unvouchedOwer);
  const change = describeChange(row.change, {
    audience: row.audience,
    timeZone,
    escalationOpen: row.case.escalationLevel !== null,
    ...(row.case.autoCloseAt !== undefined ? { autoCloseAt: row.case.autoCloseAt } : {}),
    reopenedByIt: row.reopenedByIt === true,
    ...(row.endedEscalationLevel !== undefined ? { endedEscalationLevel: row.endedEscalationLevel } : {}),
    ...(row.closureReason !== undefined ? { closureReason: row.closureReason } : {}),
    licenceTermsWithheld: row.licenceTermsWithheld === true,
    ...owedBy,
    ...(row.case.escalation?.raisedOverStatusUpdate
      ? { raisedOverStatusUpdate: row.case.escalation.raisedOverStatusUpdate }
      : {}),
    ...(row.change.type === 'EscalationAcknowledgementOverdue' && context.unvouchedOwer !== undefined
      ? { raisedOverUnvouchedAssignee: context.unvouchedOwer }
      : {}),
    ...(row.change.type === 'EscalationAcknowledgementOverdue'
      ? { assignedTo: assignedTo(row.case, context.unvouchedAssignee) }
      : {}),
  });
  // The support console's case page (served at the root), not the API's JSON, which a browser
  // opens only to be told a bearer token is required.
  const link = `${context.publicUrl}/#/cases/${encodeURIComponent(row.caseId)}`;
  // Titles are one line, but one recorded before line breaks were refused in them must not start
  // a line of its own in the subject or the `Title:` line ("...\r\nBcc: ..." forged one).
  const title = onOneLine(row.case.title);
  const facts: [string, string][] = [
    ['Case', `${row.case.caseId} (${caseReference(row.caseId)})`],
    ['Title', title],
    ['Status', statusName(row)],
    ['Severity', String(row.case.severity)],
    ['By', byWhom(row)],
    ['When', when(row.occurredAt)],
    ['First response', slaLine(row.case.sla.firstResponse, when, timeZone)],
    // A redirected case is referred out of support: its resolution is neither met nor missed (as
    // the reports count it), whatever its stopped clock says.
    [
      'Resolution',
      row.case.status === 'redirected'
        ? 'none (referred out of support)'
        : slaLine(row.case.sla.resolution, when, timeZone),
    ],
    ...(row.case.escalationLevel ? [['Escalation', escalationLine(row.case, when)] as [string, string]] : []),
  ];
  const why = whyYouReceiveThis(
    row.reasons,
    row.reasons.includes('escalation-acknowledger')
      ? {
          'escalation-acknowledger': owedUpdatesReason(
            row,
            owedBy.statusUpdateOwedBy,
            owedBy.statusUpdateUnvouchedAssignee,
          ),
        }
      : {},
  );
  const optOut = row.reasons.includes('case-team')
    ? `To stop case-team emails: PATCH ${context.publicUrl}/v1/accounts/${row.case.accountId}/case-team/${row.recipient} {"notify": false}`
    : undefined;
  return {
    subject: `[Casetrail ${caseReference(row.caseId)}] ${title}: ${change.headline}`,
    text: textBody(change, facts, link, why, optOut),
    html: htmlBody(change, facts, link, why, optOut),
  };
}

function byWhom(row: CaseNotification): string {
  if (row.actor.email.startsWith('system:')) return 'Casetrail (automatic)';
  return row.actor.name ? `${onOneLine(row.actor.name)} <${row.actor.email}>` : row.actor.email;
}

/**
 * Who has the case, for an overdue acknowledgement's alert, and whether they were told: not an
 * assignee the writer found unable to see the case, nor one the desk does not vouch for at send time.
 */
function assignedTo(
  snapshot: CaseSnapshot,
  unvouchedAssignee: string | undefined,
): DescribeOptions['assignedTo'] {
  if (!snapshot.assignee) return { assignee: null };
  if (snapshot.escalation?.assigneeOutOfSight)
    return { assignee: snapshot.assignee, notTold: 'out-of-sight' };
  return snapshot.assignee === unvouchedAssignee
    ? { assignee: snapshot.assignee, notTold: 'not-vouched' }
    : { assignee: snapshot.assignee };
}

/**
 * Who owes the escalation's status updates, as its row recorded: rows written before the owner was
 * recorded name the engineer who acknowledged it, as they did when written.
 */
function statusUpdateOwer(
  escalation: CaseSnapshot['escalation'],
  unvouchedOwer: string | undefined,
): Pick<DescribeOptions, 'statusUpdateOwedBy' | 'statusUpdateUnvouchedAssignee'> {
  if (
    unvouchedOwer !== undefined &&
    escalation?.statusUpdatesOwedAs === 'assignee' &&
    escalation.statusUpdatesOwedBy === unvouchedOwer
  )
    return {
      statusUpdateOwedBy: owerInUnvouchedAssigneesStead(escalation),
      statusUpdateUnvouchedAssignee: unvouchedOwer,
    };
  if (escalation?.statusUpdatesOwedBy !== undefined && escalation.statusUpdatesOwedAs !== undefined)
    return {
      statusUpdateOwedBy: {
        engineer: escalation.statusUpdatesOwedBy,
        as: escalation.statusUpdatesOwedAs,
        ...(escalation.statusUpdatesPassedOver ? { passedOver: escalation.statusUpdatesPassedOver } : {}),
      },
    };
  return escalation?.acknowledgedBy !== undefined
    ? { statusUpdateOwedBy: { engineer: escalation.acknowledgedBy, as: 'acknowledger' } }
    : {};
}

/**
 * Who the "Owed by" line names in the stead of an assignee the desk does not vouch for: the answer
 * the row kept (statusUpdatesOwedBeyondAssignee), or, on a row written before it did, the support
 * team (the duty engineers).
 */
function owerInUnvouchedAssigneesStead(
  escalation: NonNullable<CaseSnapshot['escalation']>,
): StatusUpdatesOwer {
  const next = escalation.statusUpdatesOwedBeyondAssignee;
  if (!next) return { engineer: SUPPORT_TEAM_OWES, as: 'support-team' };
  return { engineer: next.by, as: next.as, ...(next.passedOver ? { passedOver: next.passedOver } : {}) };
}

/**
 * The open escalation: its level, whether it is acknowledged, and what is owed next by when (overdue
 * if so), so an engineer handed the case at a shift change learns the obligation from this mail and
 * not from the overdue alert. Rows written before the snapshot kept it show the level alone.
 */
function escalationLine(snapshot: CaseSnapshot, when: (iso: string) => string): string {
  const { escalation } = snapshot;
  if (!escalation) return `level ${snapshot.escalationLevel}`;
  const due = `${when(escalation.nextDueAt)}${escalation.overdue ? ', overdue' : ''}`;
  const by = escalation.acknowledgedBy ? ` by ${escalation.acknowledgedBy}` : '';
  if (escalation.status === 'acknowledged')
    return `level ${escalation.level}, acknowledged${by}; next status update due ${due}`;
  // Due when the level it replaced owed its update: that, not a window of its own, is what is late.
  const raisedOver = escalation.raisedOverStatusUpdate;
  return raisedOver
    ? `level ${escalation.level}, not yet acknowledged; raised over level ${raisedOver.level}'s status update due ${due}`
    : `level ${escalation.level}, not yet acknowledged; acknowledgement due ${due}`;
}

function slaLine(target: SlaTargetSnapshot, when: (iso: string) => string, timeZone?: string): string {
  switch (target.state) {
    case 'met':
      return `met${target.metAt ? ` at ${when(target.metAt)}` : ''}`;
    case 'breached': {
      if (!target.metAt) return `breached (was due ${when(target.dueAt)})`;
      const [due, done] = formatInstantsApart(target.dueAt, target.metAt, timeZone);
      return `breached (was due ${due}), done ${done}`;
    }
    case 'paused':
      return 'paused while awaiting the customer';
    case 'running':
      return `due ${when(target.dueAt)}`;
  }
}

function textBody(
  change: ChangeDescription,
  facts: [string, string][],
  link: string,
  why: string,
  optOut: string | undefined,
): string {
  const lines = [change.headline, ''];
  for (const detail of change.details) lines.push(`${detail.label}: ${detail.value}`);
  if (change.details.length > 0) lines.push('');
  if (change.body) lines.push(`${change.bodyLabel ?? 'Message'}:`, change.body, '');
  for (const [label, value] of facts) lines.push(`${label}: ${value}`);
  lines.push('', `View the case: ${link}`, '', '--', why);
  if (optOut) lines.push(optOut);
  return `${lines.join('\n')}\n`;
}

function htmlBody(
  change: ChangeDescription,
  facts: [string, string][],
  link: string,
  why: string,
  optOut: string | undefined,
): string {
  const rows = (pairs: [string, string][]) =>
    pairs
      .map(
        ([label, value]) =>
          `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
      )
      .join('');
  const details = change.details.map((detail): [string, string] => [detail.label, detail.value]);
  return [
    '<!doctype html>',
    '<html><body style="font-family: sans-serif">',
    `<h2>${escapeHtml(change.headline)}</h2>`,
    details.length > 0 ? `<table>${rows(details)}</table>` : '',
    change.body
      ? `<h3>${escapeHtml(change.bodyLabel ?? 'Message')}</h3><blockquote style="white-space: pre-wrap">${escapeHtml(change.body)}</blockquote>`
      : '',
    `<table>${rows(facts)}</table>`,
    `<p><a href="${escapeHtml(link)}">View the case</a></p>`,
    `<hr><p style="color: #666">${escapeHtml(why)}${optOut ? `<br>${escapeHtml(optOut)}` : ''}</p>`,
    '</body></html>',
  ].join('\n');
}
