import { Set as ImmutableSet } from 'immutable';
import {
  AccountEvent,
  AccountState,
  LicenceEvent,
  LicenceState,
  accountDecider,
  licenceDecider,
} from '@casetrail/domain';
import type { EventStore, RecordedEvent } from '@casetrail/eventstore';
import { accountStream } from '../../accounts/account-command';
import { licenceStream } from '../../licences/licence-command';
import { FoldedStreamCache } from '../../shared/folded-stream-cache';

/** A licence folded from its stream, with everyone ever removed from it ("removed" is not "never a user"). */
export interface LicenceFacts {
  licence: LicenceState;
  /** A persistent set: each removal shares the rest, so folding a large licence stays linear. */
  removedEmails: ImmutableSet<string>;
}

/**
 * Licences and accounts as their streams hold them now, for case decisions: the context they are
 * decided in (CaseContextLoader) and the access they are let in on (groundStillHeld). Each load
 * folds in whatever the stream gained since the last one, so the state is never stale, and both
 * share one fold of each stream.
 */
export class LicenceAndAccountFolds {
  private readonly licences: FoldedStreamCache<LicenceFacts>;
  private readonly accounts: FoldedStreamCache<AccountState>;

  constructor(events: EventStore) {
    this.licences = new FoldedStreamCache(events, {
      fold: foldLicenceFacts,
      initialState: { licence: licenceDecider.initialState, removedEmails: ImmutableSet() },
    });
    this.accounts = new FoldedStreamCache(events, {
      fold: (state, event) => accountDecider.evolve(state, asDomainEvent<AccountEvent>(event)),
      initialState: accountDecider.initialState,
    });
  }

  async licenceFacts(licenceId: string): Promise<LicenceFacts> {
    return (await this.licences.load(licenceStream(licenceId))).state;
  }

  async licence(licenceId: string): Promise<LicenceState> {
    return (await this.licenceFacts(licenceId)).licence;
  }

  async account(accountId: string): Promise<AccountState> {
    return (await this.accounts.load(accountStream(accountId))).state;
  }
}

function asDomainEvent<Event>(event: RecordedEvent): Event {
  return { type: event.type, data: event.data } as Event;
}

function foldLicenceFacts(facts: LicenceFacts, recorded: RecordedEvent): LicenceFacts {
  const event = asDomainEvent<LicenceEvent>(recorded);
  const licence = licenceDecider.evolve(facts.licence, event);
  const removedEmails =
    event.type === 'LicensedUserRemoved' ? facts.removedEmails.add(event.data.email) : facts.removedEmails;
  return { licence, removedEmails };
}
