import type { HistoryEntry } from '../api/api-types';
import { formatInstant } from '../shared/format';
import { actorLabel, ESCALATION_REASON_LABEL, redirectLabel } from '../shared/labels';

/** One line of a case's timeline: who did what, when and why. */
export interface TimelineItem {
  id: string;
  revision: number;
  /** When it was decided (the command's instant). */
  at: string;
  who: string;
  what: string;
  /** The words that came with it: a comment, the escalation details, the resolution summary. */
  body?: string;
  why?: string;
  internal: boolean;
  category: 'conversation' | 'change' | 'escalation' | 'sla';
  /** Breaches and overdue escalations stand out. */
  alert: boolean;
}

type Data = Record<string, unknown>;

const TARGET_NAME: Record<string, string> = { 'first-response': 'First response', resolution: 'Resolution' };

/**
 * The timeline a person sees. Internal notes reach customers only as redacted placeholders (the
 * API keeps the hash chain whole); the console leaves those out altogether.
 */
export function timelineItems(entries: readonly HistoryEntry[]): TimelineItem[] {
  const names = knownNames(entries);
  return entries
    .filter((entry) => withheldFromViewer(entry) === undefined)
    .map((entry) => describeEvent(entry, names));
}

/**
 * Why the API withheld an entry's content from the person reading the history (`data.redacted`:
 * "internal note" for a customer, "another person's share" for someone the case is shared with),
 * or undefined for an entry they may read. An entry withheld whole keeps no more than which case,
 * which comment and when; one with only some fields withheld (set to null, the rest kept) still
 * says what happened, and is described as any other.
 */
export function withheldFromViewer(entry: HistoryEntry): string | undefined {
  const data = (entry.data ?? {}) as Data;
  const redacted = data.redacted;
  if (typeof redacted !== 'string') return undefined;
  return Object.keys(data).every((key) => KEPT_OF_A_WITHHELD_ENTRY.has(key)) ? redacted : undefined;
}

/** What the API's history keeps of an entry it withholds whole (history-redaction.ts redactedData). */
const KEPT_OF_A_WITHHELD_ENTRY = new Set(['caseId', 'commentId', 'internal', 'at', 'redacted']);

/** A person's name as the case's events give it, and whether someone else typed it. */
export interface KnownName {
  name: string;
  /** Typed by whoever shared the case with them, not from their own sign-in or licence record. */
  givenByOthers: boolean;
}

/**
 * Names the case's own events give people, so the timeline can say "Jane Doe", not an email. A
 * person's own name (from their sign-in, recorded with what they did, or the licence records for
 * the opener) always wins over
 * one someone else typed when sharing the case with them: a customer sharing the case with an
 * engineer's email under another name must not rename the engineer's entries.
 */
export function knownNames(entries: readonly HistoryEntry[]): Map<string, KnownName> {
  const names = new Map<string, KnownName>();
  const note = (person: unknown, givenByOthers = false) => {
    const { email, name } = (person ?? {}) as { email?: unknown; name?: unknown };
    if (typeof email !== 'string' || typeof name !== 'string' || !name) return;
    const key = email.toLowerCase();
    if (givenByOthers && names.get(key)?.givenByOthers === false) return;
    names.set(key, { name, givenByOthers });
  };
  for (const entry of entries) {
    const data = (entry.data ?? {}) as Data;
    // The name the actor signed in with, recorded with every event they caused.
    note({ email: entry.actor, name: entry.metadata?.actorName });
    if (entry.type === 'CaseOpened') [data.openedBy, data.loggedBy].forEach((person) => note(person));
    if (entry.type === 'CommentAdded') note({ email: data.by, name: data.authorName });
    if (entry.type === 'CaseShared') note(data, true);
  }
  return names;
}

/**
 * Who acted, for the timeline: staff only by a name of their own (or their email), anyone else by
 * a name someone gave them only next to their email, so a made-up name cannot pass for another.
 */
function whoActed(entry: HistoryEntry, names: ReadonlyMap<string, KnownName>): string {
  const known = names.get(entry.actor.toLowerCase());
  const staff = (entry.metadata?.actorRoles ?? []).length > 0;
  if (!known || (known.givenByOthers && staff)) return actorLabel(entry.actor);
  return known.givenByOthers ? `${known.name} (${entry.actor})` : known.name;
}

export function describeEvent(
  entry: HistoryEntry,
  names: ReadonlyMap<string, KnownName> = new Map(),
): TimelineItem {
  const data = (entry.data ?? {}) as Data;
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : undefined);
  const item = (
    category: TimelineItem['category'],
    what: string,
    extra: Partial<Pick<TimelineItem, 'body' | 'why' | 'internal' | 'alert' | 'who'>> = {},
  ): TimelineItem => ({
    id: entry.id,
    revision: entry.revision,
    at: typeof data.at === 'string' ? data.at : entry.at,
    who: whoActed(entry, names),
    what,
    internal: false,
    alert: false,
    category,
    ...(entry.reason ? { why: entry.reason } : {}),
    ...extra,
  });
  const target = TARGET_NAME[text('target') ?? ''] ?? 'SLA';
  // The case page leaves these out; where they must stay in place (the audit view's hash chain),
  // they say no more than that the entry exists and, in the API's words, why it is not shown.
  const withheld = withheldFromViewer(entry);
  if (withheld !== undefined)
    return item('change', `An entry not shown to you (${withheld})`, { why: undefined });

  switch (entry.type) {
    case 'CaseOpened': {
      const loggedBy = (data.loggedBy as { email?: string } | undefined)?.email;
      return item('change', `Opened the case as severity ${data.severity} (${text('channel') ?? 'web'})`, {
        body: text('description'),
        ...(loggedBy
          ? { what: `Logged a ${text('channel')} case for ${(data.openedBy as { email: string }).email}` }
          : {}),
      });
    }
    case 'SeverityChanged':
      return item('change', `Changed severity from ${data.from} to ${data.to}`, {
        why: entry.reason ?? text('reason'),
      });
    case 'CaseEscalated':
      return item(
        'escalation',
        `Escalated the case (level ${data.level}): ${ESCALATION_REASON_LABEL[text('reason') ?? ''] ?? text('reason')}`,
        {
          body: text('details'),
          // The command's reason is the policy code already worded in `what`.
          why: undefined,
        },
      );
    case 'EscalationAcknowledged':
      return item('escalation', `Acknowledged the level ${data.level} escalation`);
    case 'EscalationStatusUpdatePosted':
      return item('escalation', 'Posted an escalation status update', { body: text('body') });
    case 'CaseDeEscalated':
      // A customer's closure ends the escalation: the event's own reason says so (the history
      // gives it as the entry's reason too); the closure's reason is shown on the closure's line.
      return data.endedByClosure === true
        ? item('escalation', `Ended the escalation (level ${data.level}) by closing the case`, {
            why: text('reason'),
          })
        : item('escalation', `De-escalated (level ${data.level})`, {
            why: entry.reason ?? text('reason'),
          });
    case 'CommentAdded':
      return data.internal
        ? item('conversation', 'Added an internal note', { body: text('body'), internal: true })
        : item('conversation', 'Commented', { body: text('body') });
    case 'FirstResponseGiven': {
      const state = (data.target as { state?: string } | undefined)?.state;
      return item('sla', state === 'met' ? 'First response given on time' : 'First response given late', {
        alert: state !== 'met',
      });
    }
    case 'EngineerAssigned':
      return item('change', `Assigned the case to ${text('engineer')}`);
    case 'CaseUnassigned':
      return item(
        'change',
        `Unassigned ${text('previousEngineer')}: the case is back in the unassigned queue`,
        {
          why: entry.reason ?? text('reason'),
        },
      );
    case 'InformationRequested':
      return item('conversation', 'Asked the customer for information (resolution clock paused)', {
        body: text('body'),
      });
    case 'CustomerResponded':
      return item('sla', 'The customer answered (resolution clock resumed)');
    case 'CaseResolved':
      return item('change', 'Proposed a resolution', { body: text('summary') });
    case 'AutoClosePostponed':
      return item('change', `Automatic closure postponed to ${formatInstant(text('autoCloseAt'))}`);
    case 'CaseClosed':
      return item(
        'change',
        data.automatic ? 'Closed automatically after the quiet period' : 'Closed the case',
      );
    case 'CaseReopened':
      return item('change', 'Reopened the case', { why: entry.reason ?? text('reason') });
    case 'CaseRedirected':
      return item('change', `Redirected the case to ${redirectLabel(text('to'))}`, {
        body: text('referral'),
      });
    case 'CaseShared':
      return item('change', `Shared the case with ${text('name')} (${text('email')})`);
    case 'CaseUnshared':
      return item('change', `Stopped sharing the case with ${text('email')}`);
    case 'SlaTargetAtRisk':
      return item('sla', `${target} target at risk (due ${formatInstant(text('dueAt'))})`);
    case 'SlaTargetBreached':
      return item('sla', `${target} target breached (was due ${formatInstant(text('dueAt'))})`, {
        alert: true,
      });
    case 'EscalationAcknowledgementOverdue':
      return item('escalation', `Escalation acknowledgement ${overdueStanding(data)}`, { alert: true });
    case 'EscalationStatusUpdateOverdue':
      return item('escalation', `Escalation status update ${overdueStanding(data)}`, { alert: true });
    case 'MissionCriticalChanged':
      return item(
        'change',
        data.missionCritical
          ? 'The account became Mission Critical: highest priority'
          : 'The account is no longer Mission Critical',
      );
    default:
      return item('change', entry.type.replace(/([a-z])([A-Z])/g, '$1 $2'));
  }
}

/** "overdue (level 1)", or for a repeated alert "still overdue (level 1, reminder 2)". */
function overdueStanding(data: Data): string {
  return typeof data.reminder === 'number'
    ? `still overdue (level ${String(data.level)}, reminder ${data.reminder})`
    : `overdue (level ${String(data.level)})`;
}
