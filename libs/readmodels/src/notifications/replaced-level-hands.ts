import {
  openEscalation,
  statusUpdatesOwer,
  type OpenedCase,
  type StatusUpdatesOwer,
} from '@casetrail/domain';

/**
 * Who had taken on the acknowledged level a new one was raised over (who acknowledged it, who
 * posted its last status update): the new level goes on owing that level's status update, and
 * once the state has moved on to the new level only the writer remembers them. The domain keeps
 * who owed the update (`statusUpdateOwed.owedBy`), judged without a directory, so on a case whose
 * assignee owed it that is the assignee; should the desk not vouch for that assignee, the alerts
 * must name, and reach, whoever owed it in their stead (ownerInUnvouchedAssigneesStead).
 */
export interface ReplacedLevelHands {
  level: number;
  acknowledgedBy: string;
  lastStatusUpdateBy?: string;
}

/**
 * The hands to keep after an event: taken from the acknowledged level a raise replaced (`before`
 * is the state the event was applied to), kept while the open level still owes that level's
 * update (a further raise over an unacknowledged level carries it on), dropped once it does not.
 */
export function replacedLevelHandsAfter(
  kept: ReplacedLevelHands | undefined,
  before: OpenedCase | undefined,
  after: OpenedCase,
): ReplacedLevelHands | undefined {
  const open = openEscalation(after);
  const owedLevel = open?.status === 'awaiting-acknowledgement' ? open.statusUpdateOwed?.level : undefined;
  if (owedLevel === undefined) return undefined;
  const replaced = before ? openEscalation(before) : undefined;
  if (replaced?.status === 'acknowledged' && replaced.level === owedLevel)
    return {
      level: replaced.level,
      acknowledgedBy: replaced.acknowledgedBy,
      ...(replaced.lastStatusUpdateBy ? { lastStatusUpdateBy: replaced.lastStatusUpdateBy } : {}),
    };
  return kept?.level === owedLevel ? kept : undefined;
}

/**
 * Who owed the replaced level's update should the desk not vouch for the assignee who owed it
 * (`owedBy`, as the domain names them): the "Owed by" rule run again over that level's hands with
 * that assignee passed over, and those who can no longer see the case (`outOfReach`). Undefined
 * unless the assignee owed it and the hands are known (a raise the writer saw before it kept them).
 */
export function ownerInUnvouchedAssigneesStead(
  owedBy: StatusUpdatesOwer | undefined,
  hands: ReplacedLevelHands | undefined,
  level: number | undefined,
  outOfReach: ((email: string) => boolean) | undefined,
): StatusUpdatesOwer | undefined {
  if (owedBy?.as !== 'assignee' || !hands || hands.level !== level) return undefined;
  const assignee = owedBy.engineer;
  return statusUpdatesOwer({
    assignee,
    acknowledgedBy: hands.acknowledgedBy,
    ...(hands.lastStatusUpdateBy ? { lastStatusUpdateBy: hands.lastStatusUpdateBy } : {}),
    outOfReach: (email) => email === assignee || (outOfReach?.(email) ?? false),
  });
}

/**
 * Who a raised level's alerts name, and mail, as having owed the replaced level's update: who owed
 * it then (`owedBy`, as the domain recorded them, judged without the writer's facts), unless that
 * was an assignee who can no longer see the case at the event (`outOfReach`: a CSM taken off its
 * account): they hear nothing of it, so whoever owed it in their stead is named, by the rule that
 * stands in for an unvouched assignee (ownerInUnvouchedAssigneesStead), with the assignee among
 * those it passed over. The recorded ower when the writer does not know that level's hands (a raise
 * it saw before it kept them).
 */
export function replacedLevelOwerWhoCanAct(
  owedBy: StatusUpdatesOwer | undefined,
  hands: ReplacedLevelHands | undefined,
  level: number | undefined,
  outOfReach: ((email: string) => boolean) | undefined,
): StatusUpdatesOwer | undefined {
  if (owedBy?.as !== 'assignee' || !outOfReach?.(owedBy.engineer)) return owedBy;
  return ownerInUnvouchedAssigneesStead(owedBy, hands, level, outOfReach) ?? owedBy;
}
