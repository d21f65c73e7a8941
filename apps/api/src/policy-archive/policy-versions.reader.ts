import { ForbiddenException, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { DomainError, type SupportPolicy } from '@casetrail/domain';
import type { EventStore, RecordedEvent } from '@casetrail/eventstore';
import type { ReadModelStore } from '@casetrail/readmodels';
import { isStaff, type Actor } from '../auth/actor';
import { SUPPORT_POLICY } from '../runtime/runtime';
import { EVENT_STORE, READ_MODEL_STORE } from '../storage/storage.tokens';
import { calendarsOfAccounts, withCalendarsOnly } from './audited-calendars';
import { PolicyArchiveDamaged } from './policy-archive-damaged';
import { POLICY_ARCHIVE_STREAM, readArchive } from './policy-archive-stream';
import {
  adoptionOf,
  adoptionsIn,
  notInArchive,
  policyVersionDetail,
  policyVersionSummary,
} from './policy-version-view';
import type { PolicyVersionDto, PolicyVersionListDto } from './policy-versions.dto';

/**
 * The policy archive for people: the versions SLA targets name (`policyVersion`), each with the
 * policy it recorded and its place in the hash chain, so a due time can be explained from the API.
 * Every staff member and every auditor reads it: a policy is the vendor's terms for every customer.
 * Customers are refused (named calendars may be made for other customers). A customer's compliance
 * auditor (a token scoped to accounts) is that customer's person, so the same reason applies to
 * her, but she needs the goals and calendars her accounts' due times were computed on: she reads
 * every version with its named calendars narrowed to those her accounts and their cases use
 * (`calendarsLimited`), the default calendar and every other setting whole. The list names no
 * calendar, so it is hers as it is. Read from the event store, its chain checked: a
 * damaged archive is 503 naming the broken link, not policies nobody can vouch for.
 */
@Injectable()
export class PolicyVersionsReader {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(SUPPORT_POLICY) private readonly inForce: SupportPolicy,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  async list(actor: Actor): Promise<PolicyVersionListDto> {
    const history = await this.archive(actor);
    return {
      stream: POLICY_ARCHIVE_STREAM,
      inForce: this.inForce.version,
      items: adoptionsIn(history).map((event) => policyVersionSummary(event, this.inForce.version)),
    };
  }

  async version(actor: Actor, version: string): Promise<PolicyVersionDto> {
    const adoption = adoptionOf(await this.archive(actor), version);
    if (!adoption)
      throw new DomainError('policy-version-not-found', 'not-found', notInArchive(version), 'version');
    const detail = policyVersionDetail(adoption, this.inForce.version);
    if (actor.auditedAccounts === undefined) return detail;
    const names = await calendarsOfAccounts(this.readModels, actor.auditedAccounts);
    return { ...detail, policy: withCalendarsOnly(detail.policy, names), calendarsLimited: true };
  }

  private async archive(actor: Actor): Promise<RecordedEvent[]> {
    if (!isStaff(actor)) throw new ForbiddenException('Policy versions are for support staff and auditors');
    try {
      return await readArchive(this.events);
    } catch (error) {
      if (error instanceof PolicyArchiveDamaged) throw new ServiceUnavailableException(error.message);
      throw error;
    }
  }
}
