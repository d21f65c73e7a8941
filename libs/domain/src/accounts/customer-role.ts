/**
 * How the licence and account records know a customer: on a licence (as a user or its holder) or
 * on a case team. Staff are in no directory (their roles come from tokens), so these records are
 * what a decision can check a would-be staff member (an assignee, a CSM) against: such a person
 * receives internal notes, which never reach customers.
 */
export type CustomerRole = 'licensed user' | 'licence holder' | 'case-team member';
