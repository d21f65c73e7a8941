import type { RecipientReason } from '@casetrail/readmodels/notifications';

const REASON_TEXT: Record<RecipientReason, string> = {
  opener: 'you opened this case',
  'case-team': "you are on the account's case team",
  shared: 'this case is shared with you',
  csm: 'you are the customer success manager of this Mission Critical account',
  assignee: 'the case is assigned to you',
  'previous-assignee': 'the case was assigned to you until this change',
  'case-staff': 'you have worked on this case',
  'support-team': "you are on the support team's notification list",
  'escalation-requester': 'you requested its escalation',
  'escalation-acknowledger':
    'you acknowledged its escalation or posted its last status update, and so owe its status updates while the case is assigned to nobody',
  invitee: 'you were invited as a user of this licence',
  holder: 'you hold this licence',
  'previous-holder': 'you held this licence until this change',
  'licensed-user': 'the change is to your own access to this licence',
};

/**
 * The footer line that tells a recipient why they got a message, so they know how to stop it.
 * `worded`: a reason in words fitting this message (the case it is about), in place of the usual.
 */
export function whyYouReceiveThis(
  reasons: readonly RecipientReason[],
  worded: Partial<Record<RecipientReason, string>> = {},
): string {
  return `You receive this because ${reasons.map((reason) => worded[reason] ?? REASON_TEXT[reason]).join(' and ')}.`;
}
