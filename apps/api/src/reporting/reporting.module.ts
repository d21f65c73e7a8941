import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ReportingAccess } from './access/reporting-scope';
import { SlaDailyReportService } from './daily/sla-daily-report.service';
import { SlaDashboardService } from './dashboard/sla-dashboard.service';
import { EscalationsBoardService } from './escalations/escalations-board.service';
import { ReportingController } from './reporting.controller';

/**
 * Dashboards, reports and boards over the reporting read models (libs/readmodels/src/reporting).
 * `LicensedProducts` and `RegisteredAccounts` come from CasesModule, whose queues share them.
 */
@Module({
  imports: [CasesModule],
  controllers: [ReportingController],
  providers: [ReportingAccess, SlaDashboardService, SlaDailyReportService, EscalationsBoardService],
})
export class ReportingModule {}
