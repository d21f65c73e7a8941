import { normalizeEmail } from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';

/** Who reads a case's history, as far as what it may show them goes. */
export interface HistoryViewer {
  /** Staff read every entry whole, internal notes included. */
  staff: boolean;
  /**
   * Desk-wide log positions are withheld from this staff viewer: a customer's compliance auditor
   * (see readsLogPositions). Customers never read them.
   */
  positionsWithheld?: boolean;
  /**
   * The email of someone who sees the case only because it was shared with them (not its opener,
   * not on the account's case team, no see-shared-tickets; CaseAccess.seesAccountTeam): they read
   * their own share entries whole, and nobody else's.
   */
  shareOnly?: string;
  /**
   * Someone who is neither staff nor one of the case's account's own people (CaseAccess
   * licenceTermsSight): the account's licence terms, as the opening and the Mission Critical
   * reviews recorded them, are withheld from them, as the case's detail withholds them.
   */
  licenceTermsWithheld?: boolean;
  /**
   * The viewer's own email: a customer reads the token identity recorded on the entries they wrote
   * themselves (see tokenIdentityShown).
   */
  email?: string;
}

/** Why an entry's content is withheld from its viewer; undefined when it is shown whole. */
export type Redaction =
  'internal note' | typeof ASSIGNMENT_REASON | "another person's share" | typeof LICENCE_TERMS;

/**
 * The redaction of why an engineer assigned a case: staff-only like an internal note's text. The
 * reassignment mail carrying it goes to staff alone, so engineers write their judgements there
 * ("Customer is difficult; needs a senior"); the customer reads that the case was assigned, to whom
 * and by whom, not why.
 */
export const ASSIGNMENT_REASON = 'assignment reason';

const ASSIGNMENT_EVENTS = new Set(['EngineerAssigned', 'CaseUnassigned']);

/** The redaction of the owning account's commercial terms (see licenceTermsWithheld). */
export const LICENCE_TERMS = "the account's licence terms";

export function redactionFor(event: RecordedEvent, viewer: HistoryViewer): Redaction | undefined {
  if (!viewer.staff && isInternalNote(event)) return 'internal note';
  if (!viewer.staff && isReasonedAssignment(event)) return ASSIGNMENT_REASON;
  if (viewer.shareOnly !== undefined && isShareOfAnother(event, viewer.shareOnly)) {
    return "another person's share";
  }
  if (viewer.licenceTermsWithheld && carriesLicenceTerms(event)) return LICENCE_TERMS;
  return undefined;
}

/**
 * The events that record the account's support plan, licence edition or Mission Critical cover:
 * the opening (frozen there for queues and reports, with the account's named calendar, withheld
 * with them as the detail withholds it) and the Mission Critical review's changes (an upgrade
 * bought, or the cover lapsing, on that day).
 */
function carriesLicenceTerms(event: RecordedEvent): boolean {
  return event.type === 'CaseOpened' || event.type === 'MissionCriticalChanged';
}

function isInternalNote(event: RecordedEvent): boolean {
  return event.type === 'CommentAdded' && (event.data as { internal?: boolean }).internal === true;
}

/**
 * An assignment (or the case given back to the unassigned queue) the engineer gave a reason for, in
 * its data and so in its metadata.
 */
function isReasonedAssignment(event: RecordedEvent): boolean {
  if (!ASSIGNMENT_EVENTS.has(event.type)) return false;
  const hasText = (value: unknown) => typeof value === 'string' && value.trim() !== '';
  return hasText((event.data as { reason?: unknown }).reason) || hasText(event.metadata.reason);
}

/**
 * A share or unshare of someone other than `email`. A share lets one person in; it does not tell
 * them who else the case was shared with, by whom, or why (CaseQueries' share-only detail shows
 * their own share alone), so the history must not either.
 */
function isShareOfAnother(event: RecordedEvent, email: string): boolean {
  if (event.type !== 'CaseShared' && event.type !== 'CaseUnshared') return false;
  const sharedWith = (event.data as { email?: unknown }).email;
  return typeof sharedWith !== 'string' || normalizeEmail(sharedWith) !== normalizeEmail(email);
}

/** What stays of a withheld entry's data: which case, when, and that something was withheld. */
export function redactedData(event: RecordedEvent, redaction: Redaction): unknown {
  const data = event.data as { commentId?: string; caseId?: string; at?: string };
  if (redaction === 'internal note') {
    return {
      caseId: data.caseId,
      commentId: data.commentId,
      internal: true,
      at: data.at,
      redacted: redaction,
    };
  }
  if (redaction === ASSIGNMENT_REASON) {
    // The rest of the assignment (who to, who from, by whom, when) is what the detail shows.
    const { reason: _reason, ...assignment } = event.data as Record<string, unknown>;
    return { ...assignment, redacted: redaction };
  }
  if (redaction === LICENCE_TERMS && event.type === 'CaseOpened') {
    // The rest of the opening is the case as the viewer sees it in the detail.
    return {
      ...(event.data as object),
      edition: null,
      plan: null,
      missionCritical: null,
      calendar: null,
      redacted: redaction,
    };
  }
  return { caseId: data.caseId, at: data.at, redacted: redaction };
}

/**
 * What stays of a withheld entry's hashed metadata. An internal note loses only its `requestHash`
 * (an unsalted SHA-256 of the request's body, which would confirm a guess at the note's text); its
 * author is a member of staff the customer may know. A reasoned assignment loses that and the
 * reason the command copied into it. Another person's share keeps only what says
 * how its hash is made and what caused it: the actor (the sharer, or the other person leaving the
 * case), their name and roles, the reason and the request's hash would name or hint at who else is
 * on the case, and its correlation id goes too. A share's content is short and guessable (an email,
 * a name), and the correlation id is the one random value a guess would otherwise have to match to
 * confirm itself against the entry's hash; without it, the hash proves nothing to a guesser.
 */
export function redactedMetadata(
  metadata: Record<string, unknown>,
  redaction: Redaction,
): Record<string, unknown> {
  if (redaction === 'internal note') {
    const { requestHash: _requestHash, ...rest } = metadata;
    return rest;
  }
  if (redaction === ASSIGNMENT_REASON) {
    // The command's reason is copied here; the request's hash would confirm a guess at it.
    const { reason: _reason, requestHash: _requestHash, ...rest } = metadata;
    return rest;
  }
  if (redaction === LICENCE_TERMS) {
    // A plan is one of three, the cover yes or no, an edition a catalogue name: without the random
    // correlation id (and what else identifies the request) no guess can be confirmed against the hash.
    const {
      correlationId: _correlationId,
      commandId: _commandId,
      requestHash: _requestHash,
      ...rest
    } = metadata;
    return rest;
  }
  return Object.fromEntries(Object.entries(metadata).filter(([name]) => SHARE_METADATA_KEPT.has(name)));
}

const SHARE_METADATA_KEPT = new Set(['schemaVersion', 'hashFormat', 'causationId']);

/**
 * The metadata naming who the caller's bearer token said they were at the identity provider
 * (DecisionRunner, TokenIdentity): how an auditor tells two identities behind one email apart.
 */
export const TOKEN_IDENTITY_FIELDS: readonly string[] = ['actorSubject', 'actorIssuer'];

/**
 * Whether the viewer reads the token identity an event records. Staff and auditors always do. A
 * customer does on the entries of staff (the vendor's own people, whose names they read beside them;
 * the system's entries record none) and on their own (they know their own subject), so they can
 * recompute the hash of every entry of a case where only they and staff acted, internal notes
 * aside. Not on another customer's (a colleague, a sharee or case-team member from another company):
 * a subject is that person's account id at their provider (with some providers one id across every
 * site they sign in to), the issuer names the directory they sign in with, and the subject is the
 * input of the ids an Idempotency-Key gives a caller's commands (commandIdFor), so knowing it would
 * let them compute the ids of that person's keyed comments (a keyed case's id also takes the desk's
 * secret, see CreationIds). Those entries' hashes they cannot
 * recompute, as with internal notes; the links still chain, and the server's verdict and an
 * auditor's recomputation cover them.
 */
export function tokenIdentityShown(event: RecordedEvent, viewer: HistoryViewer): boolean {
  if (viewer.staff) return true;
  const roles = event.metadata.actorRoles;
  if (Array.isArray(roles) && roles.length > 0) return true;
  const actor = event.metadata.actor;
  return (
    viewer.email !== undefined &&
    typeof actor === 'string' &&
    normalizeEmail(actor) === normalizeEmail(viewer.email)
  );
}

export function withoutTokenIdentity(metadata: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(metadata).filter(([name]) => !TOKEN_IDENTITY_FIELDS.includes(name)),
  );
}

/** What a withheld share entry gives for `actor`, which would name the sharer or the person leaving. */
export const WITHHELD_ACTOR = 'redacted';
