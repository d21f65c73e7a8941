import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** BrokenLink.problem (@casetrail/eventstore) as OpenAPI lists it, here and in the health report. */
export const BROKEN_LINK_PROBLEMS = [
  'hash-mismatch',
  'previous-hash-mismatch',
  'missing-hash',
  'revision-gap',
  'format-downgrade',
  'position-out-of-order',
] as const;

/** ChainMark (history-integrity.ts) as OpenAPI documents it. */
const CHAIN_MARK_PROPERTIES: Record<string, SchemaObject> = {
  valid: {
    type: 'boolean',
    description: "Every hash link of the stream holds, as the record's GET …/integrity judges them",
  },
  brokenAt: {
    type: 'object',
    description: 'The first link that does not hold, as GET /integrity names it (absent when valid)',
    properties: {
      revision: { type: 'integer' },
      eventId: { type: 'string' },
      problem: {
        type: 'string',
        enum: [...BROKEN_LINK_PROBLEMS],
      },
      expected: { type: 'string' },
      actual: { type: 'string' },
    },
  },
  unprovenFrom: {
    type: 'integer',
    description: "The broken link's revision: it and every later event are unproven (absent when valid)",
  },
  reason: {
    type: 'string',
    description:
      "The above in a sentence (absent when valid): with what an operator does for the desk's staff, " +
      "in plain words for a customer and a customer's compliance auditor",
  },
};

/** What every history entry carries (HistoryEntry), whoever reads it. */
const HISTORY_ENTRY_REQUIRED = [
  'revision',
  'id',
  'type',
  'time',
  'at',
  'actor',
  'data',
  'schemaVersion',
  'stream',
  'metadata',
  'verified',
] as const;

/** One event of a history (HistoryEntry, case-history.ts) as API.md promises it; position and the token identity below. */
const HISTORY_ENTRY_PROPERTIES: Record<string, SchemaObject> = {
  revision: {
    type: 'integer',
    description:
      "The event's place in its stream, from 1 with no gap: what orders the entries and the hash chain links",
  },
  id: { type: 'string', format: 'uuid', description: "The event's id" },
  type: {
    type: 'string',
    description: 'What happened, as the event is named (`CaseOpened`, `CommentAdded`, …)',
  },
  time: { type: 'string', format: 'date-time', description: 'When the event was recorded' },
  at: {
    type: 'string',
    format: 'date-time',
    description: 'The same instant as `time`, under its earlier name',
  },
  actor: {
    type: 'string',
    description:
      'Who caused it: an email, or `system:<process>` for timers and process managers; `redacted` on an ' +
      "entry about another person's share, read by someone who sees the case only through a share",
  },
  reason: {
    type: 'string',
    description:
      "Why, as given with the command, or the event's own reason where the system recorded it as a " +
      "consequence (absent when none was given, and where it is withheld: an assignment's reason from a customer)",
  },
  data: {
    type: 'object',
    description:
      "The event's content as recorded. Where the reader may not read it (an internal note's text or an " +
      "assignment's reason to a customer, another person's share to a sharee, the licence terms to someone " +
      'outside the account) it is replaced by what may be shown and `redacted`, naming why',
  },
  hash: {
    type: 'string',
    pattern: '^[0-9a-f]{64}$',
    description:
      'Integrity hash: lowercase hex SHA-256 over the previous hash and this event (GET …/integrity checks them)',
  },
  previousHash: {
    type: 'string',
    description: "The previous event's `hash`, which this one's covers (the chain's link)",
  },
  correlationId: {
    type: 'string',
    description:
      "The request that recorded it; withheld on an entry about another person's share and from " +
      'someone outside the account on the licence terms',
  },
  causationId: { type: 'string', description: 'The event or command that caused it, when recorded' },
  schemaVersion: { type: 'integer', description: "The version of the event's `data` schema" },
  stream: {
    type: 'string',
    description: 'The stream the event belongs to (`case-<id>`, …): part of what its hash covers',
  },
  metadata: {
    type: 'object',
    description:
      'Every metadata field the hash covers (all but `hash` and `previousHash`), so an auditor can ' +
      'recompute each hash from the history alone; withheld fields are left out as in the entry',
  },
};

/**
 * A history (`GET /v1/cases/{id}/history`, and an account's or a licence's, keyed by `idField`):
 * the chain's verdict, and each entry marked.
 */
export const markedHistorySchema = (idField: 'caseId' | 'accountId' | 'licenceId'): SchemaObject => ({
  type: 'object',
  properties: {
    [idField]: { type: 'string' },
    integrity: { type: 'object', properties: CHAIN_MARK_PROPERTIES, required: ['valid'] },
    events: {
      type: 'array',
      items: {
        type: 'object',
        description: 'type, data, actor, time, reason, position, hashes and the hashed metadata of one event',
        required: [...HISTORY_ENTRY_REQUIRED],
        properties: {
          ...HISTORY_ENTRY_PROPERTIES,
          position: {
            type: 'integer',
            description:
              "The event's position in the desk-wide log, for the desk's staff and auditors; absent from a " +
              "customer's and a customer's compliance auditor's entries (its gaps would count other " +
              "customers' events). `revision` orders a case's entries, " +
              'and no hash covers the position',
          },
          actorSubject: {
            type: 'string',
            description:
              'The `sub` of the bearer token the event was written with (metadata.actorSubject); absent on ' +
              "earlier events and on the system's own. A customer reads it on entries by staff and on their " +
              "own, not on another customer's (withheld there, from metadata too)",
          },
          actorIssuer: {
            type: 'string',
            description:
              "That token's `iss` (metadata.actorIssuer), when it carried one; shown as actorSubject is",
          },
          verified: {
            type: 'boolean',
            description:
              "This event's hash link and every one before it hold; false from the first broken link on " +
              '(the event may be whole or edited: nothing proves either)',
          },
        },
      },
    },
  },
});

/** `integrity` of `GET /v1/cases/{id}?asOf=`, present only when the chain is broken. */
export const AS_OF_INTEGRITY_SCHEMA: SchemaObject = {
  type: 'object',
  description: "Present only when the case stream's hash chain is broken",
  properties: {
    ...CHAIN_MARK_PROPERTIES,
    stateProven: {
      type: 'boolean',
      description:
        'Every event the state was folded from, and the first one left out (whose time decided the cut), ' +
        'lies before the broken link: the case provably stood so at asOf',
    },
  },
};

const UNREADABLE_ROW: SchemaObject = {
  type: 'object',
  properties: {
    revision: { type: 'integer' },
    position: { type: 'integer' },
    problem: { type: 'string', description: 'What is wrong with it, as `casetrail verify --json` words it' },
  },
};

/** What only a case's report adds: the read models hold the revision its stream must still reach. */
const CASE_STREAM_FINDINGS: Record<string, SchemaObject> = {
  lostEvents: {
    type: 'object',
    description: 'The read models applied an event the stream no longer holds (absent when none)',
    properties: {
      appliedRevision: { type: 'integer' },
      appliedEventId: { type: 'string' },
      streamEndsAt: { type: 'integer', nullable: true, description: 'null when the stream holds no event' },
      eventIdNow: {
        type: 'string',
        description: 'The event the stream holds at appliedRevision now, if another',
      },
      reason: {
        type: 'string',
        description:
          "The above in a sentence: naming what the read models applied for the desk's staff, in plain " +
          "words for a customer and a customer's compliance auditor",
      },
    },
  },
  unreadable: { ...UNREADABLE_ROW, description: 'The first stored row that cannot be read as an event' },
  unreadableRows: {
    type: 'array',
    items: UNREADABLE_ROW,
    description: 'Every unreadable row, in revision order (at most 100: see unreadableRowsCut)',
  },
  unreadableCount: { type: 'integer' },
  unreadableRowsCut: { type: 'string', description: 'Present when unreadableRows does not list them all' },
};

/**
 * `GET …/integrity` of a case (CaseIntegrityReport), an account or a licence (RecordIntegrityReport),
 * keyed by `idField`: the chain recomputed on the server, valid or its first broken link.
 */
export const integrityReportSchema = (idField: 'caseId' | 'accountId' | 'licenceId'): SchemaObject => ({
  type: 'object',
  required: [idField, 'valid', 'events', 'checkedAt'],
  properties: {
    [idField]: { type: 'string', format: 'uuid' },
    valid: CHAIN_MARK_PROPERTIES.valid,
    events: { type: 'integer', description: 'How many events the stream holds, readable or not' },
    lastHash: {
      type: 'string',
      description:
        'The hash of the last event (when valid): note it to prove later that nothing before it changed',
    },
    brokenAt: CHAIN_MARK_PROPERTIES.brokenAt,
    ...(idField === 'caseId' ? CASE_STREAM_FINDINGS : {}),
    checkedAt: { type: 'string', format: 'date-time' },
  },
});
