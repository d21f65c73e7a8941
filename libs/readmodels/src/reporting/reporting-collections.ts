import type { CollectionDefinition } from '../read-model-store.port';

/** One document per case: the SLA facts the dashboard counts and measures (see `SlaCaseFacts`). */
export const SLA_CASES = 'sla_cases';
/** One document per reportable event (opened, first response, resolution, breach, escalation, redirection). */
export const SLA_ACTIVITY = 'sla_activity';
/** One document per escalation of a case: the escalations board. */
export const ESCALATIONS = 'escalations';

/** Sorts after every real instant: "no such deadline". The same sentinel as the cases read model. */
export const NO_DEADLINE = '9999-12-31T23:59:59.999Z';

export const REPORTING_COLLECTIONS: CollectionDefinition[] = [
  {
    name: SLA_CASES,
    indexedFields: [
      'accountId',
      'product',
      'severity',
      'openedAt',
      'active',
      'unmetDueAt',
      'atRiskFrom',
      'openEscalation',
      'frSeverity',
      'frState',
      'frDueAt',
      'resSeverity',
      'resState',
      'resDueAt',
      'firstResponseAt',
      'resolvedAt',
    ],
    // The dashboard's time-dependent counts are range queries on these (see sla-dashboard).
    compoundIndexes: [
      ['active', 'unmetDueAt'],
      ['active', 'atRiskFrom'],
      ['frState', 'frDueAt'],
      ['resState', 'resDueAt'],
      ['openedAt', 'severity'],
    ],
  },
  {
    name: SLA_ACTIVITY,
    indexedFields: ['day', 'kind', 'severity', 'accountId', 'product', 'caseId'],
    compoundIndexes: [['day', 'kind']],
  },
  {
    name: ESCALATIONS,
    indexedFields: [
      'caseId',
      'accountId',
      'product',
      'severity',
      'status',
      'open',
      'nextDueAt',
      'escalatedAt',
      'missionCritical',
    ],
    compoundIndexes: [
      ['open', 'nextDueAt'],
      ['accountId', 'open'],
    ],
  },
];
