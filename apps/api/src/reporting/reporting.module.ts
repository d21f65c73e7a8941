import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { LicensedProducts } from './access/licensed-products';
import { RegisteredAccounts } from './access/registered-accounts';
import { ReportingAccess } from './access/reporting-scope';
import { SlaDailyReportService } from './daily/sla-daily-report.service';
import { SlaDashboardService } from './dashboard/sla-dashboard.service';
import { EscalationsBoardService } from './escalations/escalations-board.service';
import { ReportingController } from './reporting.controller';

/** Dashboards, reports and boards over the reporting read models (libs/readmodels/src/reporting). */
@Module({
  imports: [CasesModule],
  controllers: [ReportingController],
  providers: [
    RegisteredAccounts,
    LicensedProducts,
    ReportingAccess,
    SlaDashboardService,
    SlaDailyReportService,
    EscalationsBoardService,
  ],
})
export class ReportingModule {}
