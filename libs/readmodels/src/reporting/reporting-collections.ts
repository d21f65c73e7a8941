import type { CollectionDefinition } from '../read-model-store.port';
import { AT_RISK_WINDOW_FIELDS } from '../sla/at-risk-windows';

/** One document per case: the SLA facts the dashboard counts and measures (see `SlaCaseFacts`). */
export const SLA_CASES = 'sla_cases';
/** One document per reportable event (opened, first response, resolution, breach, escalation, redirection). */
export const SLA_ACTIVITY = 'sla_activity';
/** One document per escalation of a case: the escalations board. */
export const ESCALATIONS = 'escalations';

/** Sorts after every real instant: "no such deadline". The same sentinel as the cases read model. */
export const NO_DEADLINE = '9999-12-31T23:59:59.999Z';

/**
 * Indexes are kept to what the queries filter on: every indexed field is one more index to update
 * on each write, which is most of a rebuild's cost on SQLite.
 */
export const REPORTING_COLLECTIONS: CollectionDefinition[] = [
  {
    name: SLA_CASES,
    // Filters (openedAt range, accountId, product), grouping (severity), and the dashboard's
    // time-dependent counts as range queries (unmetDueAt, atRiskFrom against now).
    indexedFields: [
      'openedAt',
      'accountId',
      'product',
      'severity',
      'active',
      'unmetDueAt',
      'atRiskFrom',
      'openEscalation',
    ],
    // Each target's at-risk window, checked on the few rows `atRiskFrom <= now` finds.
    filterOnlyFields: [...AT_RISK_WINDOW_FIELDS],
  },
  {
    name: SLA_ACTIVITY,
    indexedFields: ['day', 'accountId', 'product'],
  },
  {
    name: ESCALATIONS,
    indexedFields: ['accountId', 'product', 'severity', 'open', 'nextDueAt', 'escalatedAt'],
    // The open and overdue boards list Mission Critical escalations first. Sorted over the open
    // rows the compound index finds (few at any time), so it needs no index of its own.
    filterOnlyFields: ['missionCritical'],
    compoundIndexes: [['open', 'nextDueAt']],
  },
];
