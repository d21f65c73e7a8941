import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelStore } from '@casetrail/readmodels';
import { LICENCES, LicenceView } from '@casetrail/readmodels/licences/licences.projection';
import { READ_MODEL_STORE } from '../storage/storage.tokens';

/** Licence facts that span streams (all of an account's licences), read from the licence read model. */
@Injectable()
export class LicenceDirectory {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  async issuedForAccount(accountId: string): Promise<LicenceView[]> {
    const page = await this.readModels.find<LicenceView>(LICENCES, { where: { accountId }, limit: 1000 });
    return page.items;
  }
}
