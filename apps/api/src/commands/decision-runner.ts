import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DomainError, DomainEvent } from '@casetrail/domain';
import {
  EventStore,
  GENESIS_HASH,
  RecordedEvent,
  WrongExpectedRevisionError,
  chainEvents,
} from '@casetrail/eventstore';
import { newId } from '../shared/new-id';
import { Actor } from '../auth/actor';
import { foldRecorded } from '../shared/stream-state';
import { requireNoRevisionGap } from '../shared/whole-stream';
import { StaleRevisionException } from '../problems/precondition-failed.exception';
import type { ReadModelStore } from '@casetrail/readmodels';
import { KeyedNoOpJournal } from './keyed-no-op-journal';
import { KeyedNoOps, type NoOpAnswer } from './keyed-no-ops';
import { StreamWriteQueue } from './stream-write-queue';
import { StreamChainCheck } from './stream-chain-check';
import { DamagedStreams } from '../storage/damaged-streams';
import { EVENT_STORE, READ_MODEL_STORE } from '../storage/storage.tokens';

export interface DecisionRequest<State, Event extends DomainEvent> {
  stream: string;
  evolve: (state: State, event: Event) => State;
  initialState: State;
  /** The pure decision, re-run on a revision race; may load context (it is read again each try). */
  decide: (state: State) => Event[] | Promise<Event[]>;
  actor: Actor;
  /** Identifies the command; with an Idempotency-Key it is derived from it, so a repeat is recognised. */
  commandId?: string;
  /** Hash of the request that carried the idempotency key: a reuse with another body is refused. */
  requestHash?: string;
  correlationId?: string;
  causationId?: string;
  reason?: string;
  /**
   * If-Match: the revisions the caller's change may be based on (the one it last saw, usually).
   * When the stream is at none of them the command fails with 412 and is never retried.
   */
  expectedRevisions?: readonly number[];
  /**
   * Who may act: throws the refusal the decision gives a caller who may not (the record missing,
   * the actor without the right), and must be the decision's own first check. Run before a stale
   * If-Match is answered, so such a caller gets that same refusal with or without If-Match, never a
   * 412 naming the revision: it would tell whoever asks that the record exists and how often it
   * changes. (Case commands give a stranger 404 before they get here; theirs refuses a caller who
   * sees the case but may not make the command, as an auditor, with the 403 they get without it.)
   * It may read (the licence records a customer's rights come from): it runs only on the way to a
   * 412, and whatever it reads decides nothing that is appended.
   */
  authorize?: (state: State) => void | Promise<void>;
  /**
   * The stream was just named with a new id: the first try decides on the empty stream without
   * reading it. The append still expects no stream, so were it there, the retry would read it.
   */
  newStream?: boolean;
}

export interface DecisionResult<State> {
  stream: string;
  /** Stream revision after the command (-1: the stream still does not exist). */
  revision: number;
  /** Global position of the last event written (or found, for a repeat); 0 when nothing was written. */
  position: number;
  events: RecordedEvent[];
  state: State;
  /** True when an earlier command with the same id had already been applied. */
  repeated: boolean;
}

const MAX_ATTEMPTS = 8;
/**
 * Upper bound of the random pause before a retry, doubling per lost race up to this: writers that
 * all retried at once would race again, and the slowest decision (one that loads context, such as
 * a customer's escalation) would keep losing to quick ones until its attempts ran out.
 */
const MAX_RETRY_PAUSE_MS = 50;

/**
 * Runs a pure decision against a stream: read, fold, decide, append with the expected revision.
 * Decisions on one stream in this process take turns (StreamWriteQueue), so they do not race each
 * other. A revision race, now only with another process (projector, SLA timers, another API
 * instance), re-runs the decision on the new state (the decision is pure, so this is safe), unless
 * the caller pinned a revision with If-Match. Events get ids, metadata and the hash chain here, so
 * every store holds the same tamper-evident content.
 */
@Injectable()
export class DecisionRunner {
  private readonly logger = new Logger('DecisionRunner');
  /** This process's recent keyed no-ops, in front of the journal every process shares. */
  private readonly noOps = new KeyedNoOps();
  private readonly journal?: KeyedNoOpJournal;
  /**
   * One decision at a time per stream in this process. A decision must therefore never run another
   * command on its own stream through this runner: it would wait for its own turn to end.
   */
  private readonly writeQueue = new StreamWriteQueue();
  private readonly chainCheck: StreamChainCheck;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(READ_MODEL_STORE) readModels?: ReadModelStore,
    @Optional() @Inject(DamagedStreams) damaged?: DamagedStreams,
  ) {
    this.journal = readModels ? new KeyedNoOpJournal(readModels) : undefined;
    this.chainCheck = new StreamChainCheck(damaged, () => store.storedEventEdits?.());
  }

  async run<State, Event extends DomainEvent>(
    command: DecisionRequest<State, Event>,
  ): Promise<DecisionResult<State>> {
    return this.writeQueue.runInTurn(command.stream, () => this.decideAndAppend(command));
  }

  /** The read-fold-decide-append loop; run only in the stream's turn (see run). */
  private async decideAndAppend<State, Event extends DomainEvent>(
    command: DecisionRequest<State, Event>,
  ): Promise<DecisionResult<State>> {
    // Every event of one command shares one correlation id (the caller's, else a new one). A new one
    // is random (v4), not time-ordered like the events' ids: a history withheld from someone keeps
    // an entry's id but drops its correlation id, the one value a guess at the withheld content
    // would have to match to confirm itself against the entry's hash, and a v7 one made in the same
    // request shares half its digits with the id shown beside it.
    const request = { ...command, correlationId: command.correlationId ?? command.commandId ?? randomUUID() };
    for (let attempt = 1; ; attempt++) {
      // Before the read: an event edited in place while it runs is then caught, if not by this
      // command, by the next (see StreamChainCheck.require).
      const editsBeforeRead = this.chainCheck.storedEdits();
      const history =
        attempt === 1 && request.newStream
          ? []
          : ((await this.store.readStream(request.stream)) as RecordedEvent<string, unknown>[]);
      // Before anything is decided, answered (a repeat) or compared (If-Match): a stream that lost an
      // event from inside it is one revision short of its end, and would be taken for a race (retried
      // for ever) or a stale If-Match that no revision satisfies. The revisions are compared here, one
      // per event, so every store and every kind of stream is checked at no cost worth counting.
      requireNoRevisionGap(request.stream, history);
      // Nor on events changed since they were written, or a stream already found damaged.
      this.chainCheck.require(request.stream, history, editsBeforeRead);
      const revision = history.length - 1;
      // A stream the request has just named has no past, so no no-op of its to look up (a keyed
      // opening would otherwise ask the shared journal on every request).
      const mayBeRepeatedNoOp = !(attempt === 1 && request.newStream);
      const repeat = request.commandId
        ? (this.findRepeat(history, request) ??
          (mayBeRepeatedNoOp ? await this.findRepeatedNoOp(history, request) : undefined))
        : undefined;
      if (repeat) return repeat;
      const state = foldRecorded<State, Event>(request, history);
      if (request.expectedRevisions !== undefined && !request.expectedRevisions.includes(revision)) {
        await request.authorize?.(state);
        throw new StaleRevisionException(request.stream, request.expectedRevisions, revision);
      }
      const decided = await request.decide(state);
      if (decided.length === 0) {
        if (request.commandId) {
          await this.rememberNoOp(request.commandId, {
            stream: request.stream,
            revision,
            requestHash: request.requestHash,
          });
        }
        return { stream: request.stream, revision, position: 0, events: [], state, repeated: false };
      }
      const envelopes = decided.map((event) => this.envelope(event, request));
      // A store that chains at commit (SQLite) would only hash them again.
      const toAppend = this.store.chainsAtCommit
        ? envelopes
        : chainEvents(request.stream, revision + 1, history.at(-1)?.metadata.hash ?? GENESIS_HASH, envelopes);
      try {
        const result = await this.store.append(
          request.stream,
          toAppend,
          revision < 0 ? 'no-stream' : revision,
        );
        // Stores that report what they recorded spare the read back.
        const appended =
          result.recorded ?? (await this.store.readStream(request.stream, { fromRevision: revision + 1 }));
        return {
          stream: request.stream,
          revision: result.nextExpectedRevision,
          position: result.position,
          events: appended,
          state: decided.reduce(request.evolve, state),
          repeated: false,
        };
      } catch (error) {
        const raced = error instanceof WrongExpectedRevisionError;
        if (!raced) throw error;
        if (request.expectedRevisions !== undefined) {
          throw new StaleRevisionException(request.stream, request.expectedRevisions, revision + 1);
        }
        if (attempt >= MAX_ATTEMPTS) throw error;
        await pause(Math.random() * Math.min(2 ** attempt, MAX_RETRY_PAUSE_MS));
      }
    }
  }

  private envelope<State, Event extends DomainEvent>(event: Event, request: DecisionRequest<State, Event>) {
    return {
      id: newId(),
      type: event.type,
      data: event.data,
      metadata: {
        actor: request.actor.email,
        // The name the person signed in with (cleaned, see token-name.ts), so emails and the
        // timeline can say who acted by name, not only on comments.
        ...(request.actor.name ? { actorName: request.actor.name } : {}),
        actorRoles: request.actor.roles,
        // Who the caller's token says they are at the identity provider (see TokenIdentity), so an
        // auditor can tell apart two identities behind one address. Part of the hashed metadata like
        // the rest: events written before carry neither field and verify as they were hashed.
        ...tokenIdentityMetadata(request.actor),
        correlationId: request.correlationId!,
        ...(request.causationId ? { causationId: request.causationId } : {}),
        ...(request.commandId ? { commandId: request.commandId } : {}),
        ...(request.requestHash ? { requestHash: request.requestHash } : {}),
        ...(request.reason ? { reason: request.reason } : {}),
        schemaVersion: 1,
      },
    };
  }

  /** The stream is the idempotency record: events carry the id of the command that wrote them. */
  private findRepeat<State, Event extends DomainEvent>(
    history: RecordedEvent[],
    request: DecisionRequest<State, Event>,
  ): DecisionResult<State> | undefined {
    const written = history.filter((event) => event.metadata.commandId === request.commandId);
    if (written.length === 0) return undefined;
    if (request.requestHash && written[0].metadata.requestHash !== request.requestHash) {
      throw keyReusedException();
    }
    const last = written[written.length - 1];
    const state = foldRecorded<State, Event>(request, history.slice(0, last.revision + 1));
    return {
      stream: request.stream,
      revision: last.revision,
      position: last.position,
      events: written,
      state,
      repeated: true,
    };
  }
  /**
   * Remembered here and in the shared journal. The command changed nothing, so failing to record
   * it must not fail the command: its retry would then only be decided again, as before.
   */
  private async rememberNoOp(commandId: string, answer: NoOpAnswer): Promise<void> {
    this.noOps.remember(commandId, answer);
    try {
      await this.journal?.remember(commandId, answer);
    } catch (error) {
      this.logger.warn(
        `Could not record keyed no-op ${commandId} durably (its retry elsewhere is decided again): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** A repeat of a keyed command that changed nothing: answered as it was then, decided no more. */
  private async findRepeatedNoOp<State, Event extends DomainEvent>(
    history: RecordedEvent[],
    request: DecisionRequest<State, Event>,
  ): Promise<DecisionResult<State> | undefined> {
    const answer = this.noOps.recall(request.commandId!) ?? (await this.journal?.recall(request.commandId!));
    if (!answer || answer.stream !== request.stream) return undefined;
    if (request.requestHash && answer.requestHash !== request.requestHash) throw keyReusedException();
    const state = foldRecorded<State, Event>(request, history.slice(0, answer.revision + 1));
    return {
      stream: request.stream,
      revision: answer.revision,
      position: 0,
      events: [],
      state,
      repeated: true,
    };
  }
}

/** `actorSubject` and `actorIssuer` of an event written on behalf of a token's holder; nothing for a system actor. */
function tokenIdentityMetadata(actor: Actor): { actorSubject?: string; actorIssuer?: string } {
  if (!actor.token) return {};
  const { subject, issuer } = actor.token;
  return { actorSubject: subject, ...(issuer ? { actorIssuer: issuer } : {}) };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A 422 naming the header in `errors`, as every refusal of a part of the request names it, so a
 * client shows it beside the key rather than as a generic "Unprocessable entity".
 */
function keyReusedException(): DomainError {
  return new DomainError(
    'idempotency-key-reused',
    'validation',
    'This Idempotency-Key was already used with a different request; use a new key for a new request',
    'Idempotency-Key',
  );
}
