import { Module } from '@nestjs/common';
import { AccountQueries } from '../accounts/account-queries';
import { MissionCriticalCoverage } from '../accounts/mission-critical-coverage';
import { AccountQueriesController } from '../accounts/account-queries.controller';
import { AccountsController } from '../accounts/accounts.controller';
import { RecordHistoryController } from '../accounts/record-history.controller';
import { ExecuteAccountCommandHandler } from '../accounts/account-command';
import { ExecuteLicenceCommandHandler } from '../licences/licence-command';
import { LicenceDirectory } from '../licences/licence-directory';
import { LicenceQueries } from '../licences/licence-queries';
import { LicenceList } from '../licences/licence-list';
import { LicencesController } from '../licences/licences.controller';
import { QueuesController } from '../queues/queues.controller';
import { LicensedProducts } from '../reporting/access/licensed-products';
import { RegisteredAccounts } from '../reporting/access/registered-accounts';
import { ActorReachReader } from './access/actor-reach';
import { CaseAccess } from './access/case-access';
import { CaseIntegrityController } from './case-integrity.controller';
import { CasePartsController } from './case-parts.controller';
import { CaseQueriesController } from './case-queries.controller';
import { CasesController } from './cases.controller';
import { CaseContextLoader } from './commands/case-context.loader';
import { CustomerDirectory } from '../accounts/customer-directory';
import { ExecuteCaseCommandHandler } from './commands/case-command';
import { CaseParts } from './queries/case-parts';
import { CaseQueries } from './queries/case-queries';
import { AllowedCaseActions } from './queries/allowed-actions';

/** Cases, and the accounts and licences their rules depend on. */
@Module({
  controllers: [
    AccountsController,
    LicencesController,
    CasesController,
    CaseQueriesController,
    CasePartsController,
    CaseIntegrityController,
    QueuesController,
    AccountQueriesController,
    RecordHistoryController,
  ],
  providers: [
    ExecuteAccountCommandHandler,
    ExecuteLicenceCommandHandler,
    ExecuteCaseCommandHandler,
    CaseContextLoader,
    CustomerDirectory,
    LicenceDirectory,
    ActorReachReader,
    CaseAccess,
    CaseQueries,
    AllowedCaseActions,
    CaseParts,
    AccountQueries,
    MissionCriticalCoverage,
    LicenceQueries,
    LicenceList,
    // The queues refuse an unknown product as the reports do, from the same cache (shared with them).
    LicensedProducts,
    // And an unknown account, as the reports do (shared with them).
    RegisteredAccounts,
  ],
  exports: [CaseAccess, CaseQueries, ActorReachReader, LicensedProducts, RegisteredAccounts],
})
export class CasesModule {}
