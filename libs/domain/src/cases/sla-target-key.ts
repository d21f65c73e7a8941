import type { SlaTargetKind, SlaTargets } from '../sla/targets/sla-target';

/** Where a target of `kind` lives in a case's `SlaTargets`. */
export function slaTargetKey(kind: SlaTargetKind): keyof SlaTargets {
  return kind === 'first-response' ? 'firstResponse' : 'resolution';
}
