import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { caseDecider, normalizeEmail, type CaseEvent, type CaseState } from '@casetrail/domain';
import type { EventStore, RecordedEvent } from '@casetrail/eventstore';
import type { EscalationView } from '@casetrail/readmodels/cases/case-detail';
import { Actor, isStaff } from '../../auth/actor';
import { CLOCK, Clock } from '../../runtime/runtime';
import { EVENT_STORE } from '../../storage/storage.tokens';
import { foldRecorded } from '../../shared/stream-state';
import { requireNoRevisionGap } from '../../shared/whole-stream';
import { CaseAccess } from '../access/case-access';
import { caseStream } from '../commands/case-command';
import { historyEntries } from './case-history';
import { readsLogPositions } from './history-integrity';
import { CaseQueries } from './case-queries';

/** One comment as the case's history shows it to the reader: an internal note's text is withheld from customers. */
export interface CommentView {
  caseId: string;
  commentId: string;
  revision: number;
  at: string;
  author: string;
  authorName?: string;
  internal: boolean;
  body?: string;
  redacted?: string;
}

export interface ShareView {
  caseId: string;
  email: string;
  name: string;
  sharedAt: string;
  sharedBy: string;
}

/**
 * An ended level (de-escalated, ended by the case's closure or redirection, or superseded) keeps
 * what it showed while open and says who ended it; it owes no status update any more (null).
 */
export type EscalationLevelView = Omit<EscalationView, 'nextStatusUpdateDueAt'> & {
  caseId: string;
  superseded: boolean;
  nextStatusUpdateDueAt?: string | null;
  endedBy?: string;
};

export interface StatusUpdateView {
  caseId: string;
  revision: number;
  level: number;
  body: string;
  postedAt: string;
  postedBy: string;
  postedByName?: string;
  nextStatusUpdateDueAt: string;
}

/**
 * The parts of a case a command creates (a comment, a share, an escalation level, a status update),
 * each read where that command's 201 Location points. Each is shown to whoever may see the case, as
 * the case's detail or history shows it to them; anyone else gets the case's 404.
 */
@Injectable()
export class CaseParts {
  constructor(
    @Inject(CaseQueries) private readonly queries: CaseQueries,
    @Inject(CaseAccess) private readonly access: CaseAccess,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async comment(caller: Actor, caseId: string, commentId: string): Promise<CommentView> {
    const { stream, actor } = await this.visibleStream(caller, caseId);
    const event = stream.find(
      (candidate) =>
        candidate.type === 'CommentAdded' &&
        (candidate.data as { commentId?: unknown }).commentId === commentId,
    );
    if (!event) throw new NotFoundException(`Case ${caseId} has no comment ${commentId}`);
    // Redacted as the history redacts it (the share-only rule concerns shares, not comments).
    const [entry] = historyEntries([event], {
      staff: isStaff(actor),
      ...(readsLogPositions(actor) ? {} : { positionsWithheld: true }),
      email: actor.email,
    });
    const data = entry.data as Partial<{
      at: string;
      body: string;
      authorName: string;
      internal: boolean;
      redacted: string;
    }>;
    return {
      caseId,
      commentId,
      revision: entry.revision,
      at: data.at ?? entry.time,
      author: entry.actor,
      ...(data.authorName ? { authorName: data.authorName } : {}),
      internal: data.internal === true,
      ...(data.body !== undefined ? { body: data.body } : {}),
      ...(data.redacted ? { redacted: data.redacted } : {}),
    };
  }

  /** A share as the case's detail shows it to the reader: someone let in by a share sees only their own. */
  async share(actor: Actor, caseId: string, email: string): Promise<{ share: ShareView; revision: number }> {
    const detail = await this.queries.detail(actor, caseId);
    const share = detail.shares.find((candidate) => normalizeEmail(candidate.email) === email);
    if (!share)
      throw new NotFoundException(`Case ${caseId} is not shared with ${email} (as far as you may see)`);
    return { share: { caseId, ...share }, revision: detail.revision };
  }

  /**
   * An escalation level as its row on the escalations board tells it: the current open level as the
   * case's detail shows it now; an ended one as it stood just before its end (who acknowledged it,
   * its last status update), with when, by whom and why it ended: de-escalated, ended by the case's
   * closure or redirection, or superseded by the next level (`superseded: true`; a level
   * de-escalated before the next one was raised keeps its own end).
   */
  async escalation(actor: Actor, caseId: string, level: number): Promise<EscalationLevelView> {
    const { stream } = await this.visibleStream(actor, caseId);
    const raised = stream.findIndex((event) => escalationLevelOf(event) === level);
    if (raised < 0) throw new NotFoundException(`Case ${caseId} has no escalation of level ${level}`);
    const next = stream.findIndex((event, index) => index > raised && escalationLevelOf(event) !== undefined);
    const upTo = next < 0 ? stream : stream.slice(0, next);
    const superseded = next >= 0;
    const endsAt = upTo.findIndex((event, index) => index > raised && ENDS_THE_ESCALATION.has(event.type));
    if (endsAt < 0 && !superseded) return { caseId, ...this.escalationAfter(upTo), superseded };
    // As it stood open: once ended, the case's state keeps neither its acknowledgement nor its updates.
    const open = { caseId, ...this.escalationAfter(endsAt < 0 ? upTo : upTo.slice(0, endsAt)), superseded };
    if (endsAt < 0) return asSuperseded(open, stream[next]);
    // The domain's end: its time and reason (the engineer's, or the closure's or redirection's).
    const { status, endedAt, endReason } = this.escalationAfter(upTo.slice(0, endsAt + 1));
    return { ...ended(open, upTo[endsAt]), status, endedAt, endReason };
  }

  /** The case's escalation as its detail shows it after `events` (a level was raised in them). */
  private escalationAfter(events: RecordedEvent[]): EscalationView {
    const state = foldRecorded<CaseState, CaseEvent>(caseDecider, events);
    return this.queries.detailOf(state, events.at(-1)!.revision, this.clock.now().toISOString()).escalation!;
  }

  /** A status update, named by the revision of the case its event was recorded at. */
  async statusUpdate(actor: Actor, caseId: string, revision: number): Promise<StatusUpdateView> {
    const { stream } = await this.visibleStream(actor, caseId);
    const event = stream.find((candidate) => candidate.revision === revision);
    if (event?.type !== 'EscalationStatusUpdatePosted') {
      throw new NotFoundException(`Case ${caseId} has no escalation status update at revision ${revision}`);
    }
    const data = event.data as {
      level: number;
      body: string;
      nextStatusUpdateDueAt: string;
      at?: string;
      by?: string;
    };
    return {
      caseId,
      revision,
      level: data.level,
      body: data.body,
      postedAt: data.at ?? event.recordedAt,
      postedBy: data.by ?? event.metadata.actor,
      ...(event.metadata.actorName ? { postedByName: String(event.metadata.actorName) } : {}),
      nextStatusUpdateDueAt: data.nextStatusUpdateDueAt,
    };
  }

  /**
   * The case's events, to someone who may see it (else the case's 404), refused as `?asOf=` is when
   * events were lost: at its end, or inside it (a part folded without them is not one the case had).
   */
  private async visibleStream(
    caller: Actor,
    caseId: string,
  ): Promise<{ stream: RecordedEvent[]; actor: Actor }> {
    const { actor } = await this.access.requireVisibleWholeStream(caller, caseId);
    const events = await this.events.readStream(caseStream(caseId));
    requireNoRevisionGap(caseStream(caseId), events, 'read');
    return { stream: events, actor };
  }
}

/**
 * What ends an open escalation, besides the next level: a de-escalation (the customer's closure
 * records one first), or a closure or redirection recorded before they were refused (see the
 * domain's evolve). A later one of these leaves an ended level as it was.
 */
const ENDS_THE_ESCALATION = new Set<string>(['CaseDeEscalated', 'CaseClosed', 'CaseRedirected']);

/**
 * A level the next escalation replaced owes nothing any more: no status update is due on it (the
 * new level owes its own), as the escalations board shows it (status `superseded`, ended when and
 * by whom the next level was raised). Before, it read `acknowledged` with a next status update due.
 */
function asSuperseded(view: EscalationLevelView, next: RecordedEvent): EscalationLevelView {
  const data = next.data as { level: number };
  return { ...ended(view, next), status: 'superseded', endReason: `superseded by level ${data.level}` };
}

/**
 * The level as it stood open, ended by `end`: when and by whom, as the escalations board says
 * (the event's actor: whoever de-escalated, closed, redirected or raised the next level, or the
 * SLA timers for an automatic closure); nothing is due on it any more.
 */
function ended(view: EscalationLevelView, end: RecordedEvent): EscalationLevelView {
  const data = end.data as { at?: string; by?: string };
  return {
    ...view,
    nextStatusUpdateDueAt: null,
    endedAt: data.at ?? end.recordedAt,
    endedBy: data.by ?? end.metadata.actor,
  };
}

function escalationLevelOf(event: RecordedEvent): number | undefined {
  return event.type === 'CaseEscalated' ? (event.data as { level: number }).level : undefined;
}
