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

export type EscalationLevelView = EscalationView & { caseId: string; superseded: boolean };

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

  async comment(actor: Actor, caseId: string, commentId: string): Promise<CommentView> {
    const stream = await this.visibleStream(actor, caseId);
    const event = stream.find(
      (candidate) =>
        candidate.type === 'CommentAdded' &&
        (candidate.data as { commentId?: unknown }).commentId === commentId,
    );
    if (!event) throw new NotFoundException(`Case ${caseId} has no comment ${commentId}`);
    // Redacted as the history redacts it (the share-only rule concerns shares, not comments).
    const [entry] = historyEntries([event], { staff: isStaff(actor), email: actor.email });
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
   * An escalation level as the case's detail showed it last: the current level as the detail shows
   * it now, a level a later escalation superseded as it stood just before (`superseded: true`), but
   * ended by that escalation (asSuperseded).
   */
  async escalation(actor: Actor, caseId: string, level: number): Promise<EscalationLevelView> {
    const stream = await this.visibleStream(actor, caseId);
    const raised = stream.findIndex((event) => escalationLevelOf(event) === level);
    if (raised < 0) throw new NotFoundException(`Case ${caseId} has no escalation of level ${level}`);
    const next = stream.findIndex((event, index) => index > raised && escalationLevelOf(event) !== undefined);
    const upTo = next < 0 ? stream : stream.slice(0, next);
    const state = foldRecorded<CaseState, CaseEvent>(caseDecider, upTo);
    const detail = this.queries.detailOf(state, upTo.at(-1)!.revision, this.clock.now().toISOString());
    const view = { caseId, ...detail.escalation!, superseded: next >= 0 };
    return next < 0 ? view : asSuperseded(view, stream[next]);
  }

  /** A status update, named by the revision of the case its event was recorded at. */
  async statusUpdate(actor: Actor, caseId: string, revision: number): Promise<StatusUpdateView> {
    const stream = await this.visibleStream(actor, caseId);
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
  private async visibleStream(actor: Actor, caseId: string): Promise<RecordedEvent[]> {
    await this.access.requireVisibleWholeStream(actor, caseId);
    const events = await this.events.readStream(caseStream(caseId));
    requireNoRevisionGap(caseStream(caseId), events, 'read');
    return events;
  }
}

/**
 * A level the next escalation replaced owes nothing any more: no status update is due on it (the
 * new level owes its own), as the escalations board shows it (status `superseded`, ended when the
 * next level was raised). Before, it read `acknowledged` with a next status update due. A level
 * de-escalated before the next one was raised keeps its own end.
 */
function asSuperseded(view: EscalationLevelView, next: RecordedEvent): EscalationLevelView {
  if (view.status === 'de-escalated') return view;
  const { nextStatusUpdateDueAt: _owedNoMore, ...rest } = view;
  const data = next.data as { level: number; at?: string };
  return {
    ...rest,
    status: 'superseded',
    endedAt: data.at ?? next.recordedAt,
    endReason: `superseded by level ${data.level}`,
  };
}

function escalationLevelOf(event: RecordedEvent): number | undefined {
  return event.type === 'CaseEscalated' ? (event.data as { level: number }).level : undefined;
}
