import { normalizeEmail } from '../accounts/email-address';
import { DomainError } from '../shared/domain-error';
import { sameEmail, type CaseActor } from './actor';
import type { CaseCommand } from './commands';
import type { CaseDecisionContext } from './context';
import { decideCase } from './decide';
import { requireMayActOnCase } from './decisions/case-command-access';
import type { OpenedCase } from './state';
import { ESCALATION_REASONS, REDIRECT_TARGETS } from './vocabulary';

/**
 * What a person may do on a case, one name per command route of API.md (a comment and an internal
 * note are one route, two rights). The case detail lists those the case decider would take from
 * the caller now (`allowedActions`), so a client offers only what the API accepts.
 */
export const CASE_ACTIONS = [
  'comment',
  'internalNote',
  'requestInformation',
  'changeSeverity',
  'escalate',
  'acknowledgeEscalation',
  'postStatusUpdate',
  'deEscalate',
  'assign',
  'unassign',
  'share',
  'unshare',
  'resolve',
  'close',
  'reopen',
  'redirect',
] as const;
export type CaseActionName = (typeof CASE_ACTIONS)[number];

/** Placeholder text for the trial commands: well-formed, never stored (the decision is not applied). */
const TRIAL_TEXT = 'Whether this would be accepted (a trial, never recorded).';

/**
 * The command an action's route would send, with a well-formed body, for the decider to judge as a
 * trial: the rules are the decider's own, so the list cannot drift from what the API accepts. The
 * bodies are those that do not depend on a choice the caller has yet to make: taking the case
 * themselves (an assignment), a colleague at the opener's company (a share: only who shares is
 * judged, the address the caller will type is judged when they send it), their own share if they
 * have one, else the first (an unshare: a sharee may leave, the opener and sharers withdraw any).
 */
export function trialCommand(
  action: CaseActionName,
  state: OpenedCase,
  actor: CaseActor,
  at: string,
): CaseCommand {
  const base = { caseId: state.caseId, actor, at };
  switch (action) {
    case 'comment':
    case 'internalNote':
      return {
        ...base,
        type: 'AddComment',
        commentId: `trial-${at}`,
        body: TRIAL_TEXT,
        internal: action === 'internalNote',
      };
    case 'requestInformation':
      return { ...base, type: 'RequestInformation' };
    case 'changeSeverity':
      return { ...base, type: 'ChangeSeverity', severity: state.severity === 3 ? 2 : 3, reason: TRIAL_TEXT };
    case 'escalate':
      return { ...base, type: 'Escalate', reason: ESCALATION_REASONS[0], details: TRIAL_TEXT };
    case 'acknowledgeEscalation':
      return { ...base, type: 'AcknowledgeEscalation' };
    case 'postStatusUpdate':
      return { ...base, type: 'PostEscalationStatusUpdate', body: TRIAL_TEXT };
    case 'deEscalate':
      return { ...base, type: 'DeEscalate', reason: TRIAL_TEXT };
    case 'assign':
      return { ...base, type: 'AssignEngineer', engineer: normalizeEmail(actor.email) };
    case 'unassign':
      return { ...base, type: 'UnassignEngineer' };
    case 'share':
      return { ...base, type: 'ShareCase', email: trialShareEmail(state), name: 'Trial Colleague' };
    case 'unshare': {
      const own = state.shares.find((share) => sameEmail(share.email, actor.email));
      const email = (own ?? state.shares[0])?.email ?? trialShareEmail(state);
      return { ...base, type: 'UnshareCase', email };
    }
    case 'resolve':
      return { ...base, type: 'ResolveCase', summary: TRIAL_TEXT };
    case 'close':
      return { ...base, type: 'CloseCase' };
    case 'reopen':
      return { ...base, type: 'ReopenCase', reason: TRIAL_TEXT };
    case 'redirect':
      return { ...base, type: 'RedirectCase', to: REDIRECT_TARGETS[0], referral: TRIAL_TEXT };
  }
}

/** A colleague of the opener nobody shares the case with yet (the domain rules accept the opener's). */
function trialShareEmail(state: OpenedCase): string {
  const domain = state.openedBy.email.split('@')[1] ?? 'example.com';
  return `trial.colleague.${state.shares.length}@${domain}`.toLowerCase();
}

/**
 * Whether the case decider takes the command and it would change something: its events are thrown
 * away. A refusal is the `DomainError` the API would answer with; a decision that records nothing
 * (handing back an unassigned case, assigning the assignee again) is not offered either, as the
 * API's 200 for it changes nothing (finding F1: the console offered "hand back" on an unassigned case).
 */
export function decidesToAccept(
  command: CaseCommand,
  state: OpenedCase,
  context: CaseDecisionContext,
): boolean {
  return unlessRefused(() => decideCase(command, state, context).length > 0);
}

/**
 * The decider's first checks alone (requireMayActOnCase: the actor's roles, the case opened), which
 * need no context: a trial they refuse needs no licence records read for it.
 */
export function passesRoleChecks(command: CaseCommand, state: OpenedCase): boolean {
  return unlessRefused(() => {
    requireMayActOnCase(command, state);
    return true;
  });
}

/** `judge`'s answer, or false when it refuses as the API would (a DomainError); other errors are bugs, thrown. */
function unlessRefused(judge: () => boolean): boolean {
  try {
    return judge();
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}
