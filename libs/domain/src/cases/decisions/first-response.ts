import { meetTarget } from '../../sla/targets/stop-targets';
import type { SlaTargets } from '../../sla/targets/sla-target';
import type { FirstResponseGiven, FirstResponseVia, SlaTargetBreached } from '../events';
import type { OpenedCase } from '../state';
import type { EventBase } from './guards';
import { recordOverdueBreaches } from './sla-clock';

/**
 * The response clock stops at the engineer's first public reply. Any engineer action that tells the
 * customer something counts: a public comment, a request for information, a proposed resolution,
 * a redirection with its referral, a status update on an escalation.
 *
 * Returns the overdue breaches to record before the reply, the `FirstResponseGiven` event when
 * this is the first reply, and the targets after both, for the caller to build on.
 */
export function firstResponseIfFirst(
  state: OpenedCase,
  base: EventBase,
  via: FirstResponseVia,
  commentId?: string,
): { breaches: SlaTargetBreached[]; response: FirstResponseGiven[]; targets: SlaTargets } {
  const { events: breaches, targets } = recordOverdueBreaches(state, base);
  if (state.firstResponseAt !== undefined) return { breaches, response: [], targets };
  const firstResponse = meetTarget(targets.firstResponse, base.at);
  const response: FirstResponseGiven = {
    type: 'FirstResponseGiven',
    data: { ...base, via, ...(commentId !== undefined ? { commentId } : {}), target: firstResponse },
  };
  return { breaches, response: [response], targets: { ...targets, firstResponse } };
}
