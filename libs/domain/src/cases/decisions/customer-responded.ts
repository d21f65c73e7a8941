import { resumeTarget } from '../../sla/targets/pause-resume';
import type { CaseDecisionContext } from '../context';
import type { CustomerResponded } from '../events';
import type { OpenedCase } from '../state';
import type { EventBase } from './guards';

/**
 * The customer spoke while the case awaited them (a public comment, or an escalation): the case is
 * back `in-progress` and the resolution clock resumes, its due time moved by the pause. Every way a
 * customer answers records this same event, so history, reports and notifications read it alike.
 * `commentId`: the comment that answered; none when the customer answered by escalating.
 */
export function customerResponded(
  opened: OpenedCase,
  base: EventBase,
  context: CaseDecisionContext,
  commentId?: string,
): CustomerResponded {
  const paused = opened.targets.resolution;
  const targets = {
    ...opened.targets,
    // The deadline carried over the pause stays on the calendars it was computed under.
    resolution: resumeTarget(paused, base.at, context.targetCalendar?.(paused) ?? context.calendar),
  };
  return {
    type: 'CustomerResponded',
    data: { ...base, ...(commentId === undefined ? {} : { commentId }), targets },
  };
}
