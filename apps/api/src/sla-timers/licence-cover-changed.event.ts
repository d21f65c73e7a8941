import type { IEvent } from '@nestjs/cqrs';
import type { LicenceEvent } from '@casetrail/domain';
import type { GlobalPosition, RecordedEvent } from '@casetrail/eventstore';

/**
 * A licence event from the durable global log that may have changed its account's Mission Critical
 * cover (a mission-critical licence issued, a plan changed, a licence renewed, ended early or expired),
 * published on the Nest EventBus by `CaseEventRelay` so the account's cases follow at once instead
 * of at the next periodic review.
 */
export class LicenceCoverChanged implements IEvent {
  constructor(
    readonly accountId: string,
    readonly position: GlobalPosition,
  ) {}
}

/** The cover-changing licence event's account, or undefined for any other event. */
export function accountWhoseCoverMayHaveChanged(recorded: RecordedEvent): string | undefined {
  const event = { type: recorded.type, data: recorded.data } as LicenceEvent;
  if (event.type === 'LicenceIssued')
    return event.data.plan === 'mission-critical' ? event.data.accountId : undefined;
  // A licence reaching its end: the account's cases drop its cover now, not at the periodic review.
  if (event.type === 'LicenceExpired') return event.data.accountId;
  if (event.type === 'LicenceTermsChanged') {
    const { plan, expiresAt } = event.data.terms;
    return plan !== undefined || expiresAt !== undefined ? event.data.accountId : undefined;
  }
  return undefined;
}
