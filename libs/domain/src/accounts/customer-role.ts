/**
 * How the records know a customer: on a licence (as a user or its holder), on a case team, as
 * someone a case is shared with, or as the customer a case was opened for (who may since have been
 * removed from every licence). Staff are in no directory (their roles come from tokens), so these records are
 * what a decision can check a would-be staff member (an assignee, a CSM) against: such a person
 * receives internal notes, which never reach customers.
 */
export type CustomerRole =
  'licensed user' | 'licence holder' | 'case-team member' | 'shared user' | 'case opener';
