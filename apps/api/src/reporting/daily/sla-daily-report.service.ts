import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  PolicyVersions,
  SEVERITIES,
  severityPolicy,
  type Severity,
  type SupportPolicy,
} from '@casetrail/domain';
import { findEach, type ReadModelStore } from '@casetrail/readmodels';
import { SLA_ACTIVITY } from '@casetrail/readmodels/reporting/reporting-collections';
import type { SlaActivity } from '@casetrail/readmodels/reporting/sla-activity';
import { Actor } from '../../auth/actor';
import { CLOCK, Clock, POLICY_VERSIONS, SUPPORT_POLICY } from '../../runtime/runtime';
import { READ_MODEL_STORE } from '../../storage/storage.tokens';
import { ReportingAccess } from '../access/reporting-scope';
import { goalMillisOf } from '../shared/business-durations';
import { percentage, summariseDurations } from '../shared/percentiles';
import { REPORT_PAGE } from '../shared/report-page';
import { dayPeriod, daysBefore, defaultLastDay, requireDate } from '../shared/report-period';
import {
  slaDailyRowLabels,
  type SlaDailyFilters,
  type SlaDailyReport,
  type SlaDailyRow,
} from './sla-daily-report';
import type { SlaDailyReportQuery } from './sla-daily-report.query';

const MAX_DAYS = 366;
const DEFAULT_DAYS = 30;

/**
 * Daily SLA rows per severity from the activity the reporting projection filed by day. A past day
 * never changes (activity is never rewritten), so the report can be archived.
 *
 * Cost: one range read of the period's activity (indexed by day), O(events in the period), with
 * the business-time durations measured as the rows stream by.
 */
@Injectable()
export class SlaDailyReportService {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(SUPPORT_POLICY) private readonly policy: SupportPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ReportingAccess) private readonly access: ReportingAccess,
    @Optional() @Inject(POLICY_VERSIONS) versions?: PolicyVersions,
  ) {
    this.versions = versions ?? new PolicyVersions(policy);
  }

  /** The recorded policy versions: a duration is measured on its target's own version's calendars. */
  private readonly versions: PolicyVersions;

  async report(actor: Actor, query: SlaDailyReportQuery): Promise<SlaDailyReport> {
    const scope = await this.access.scope(actor, query);
    const requested = requestedDays(query.from, query.to, this.clock.now().toISOString().slice(0, 10));
    const period = dayPeriod(requested.from, requested.to, MAX_DAYS);
    const tallies = new Map<string, DayTally>();
    for (const day of period.days)
      for (const severity of SEVERITIES) tallies.set(key(day, severity), new DayTally());

    const activities = findEach<SlaActivity>(
      this.readModels,
      SLA_ACTIVITY,
      {
        where: {
          day: { gte: period.from, lte: period.to },
          product: scope.product,
          accountId: scope.accountId,
        },
      },
      REPORT_PAGE,
    );
    for await (const activity of activities)
      tallies.get(key(activity.day, activity.severity))?.add(activity, this.policy, this.versions);

    // In the order of the columns after the figures (slaDailyColumns), so JSON rows list fields as CSV does.
    const filters: SlaDailyFilters = {
      ...(scope.productName ? { product: scope.productName } : {}),
      ...(query.accountId ? { accountId: query.accountId } : {}),
    };
    const labels = slaDailyRowLabels(filters, scope.coverage);
    return {
      from: period.from,
      to: period.to,
      filters,
      scope: scope.coverage,
      rows: period.days.flatMap((date) =>
        SEVERITIES.map((severity) => ({
          ...tallies.get(key(date, severity))!.row(date, severity),
          ...labels,
        })),
      ),
    };
  }
}

/**
 * The first and last day asked for, the missing ones filled in: without either, the last
 * DEFAULT_DAYS up to today; `to` alone, the DEFAULT_DAYS up to it; `from` alone, up to today but
 * within the longest period and never before it, so leaving `to` out never makes a 400.
 */
function requestedDays(
  from: string | undefined,
  to: string | undefined,
  today: string,
): { from: string; to: string } {
  if (to !== undefined) {
    // Checked before a default `from` is counted back from it (a day that does not exist was a 500).
    requireDate('to', to);
    return { from: from ?? daysBefore(`${to}T00:00:00.000Z`, DEFAULT_DAYS - 1), to };
  }
  if (from !== undefined) return { from, to: defaultLastDay(requireDate('from', from), today, MAX_DAYS) };
  return { from: daysBefore(`${today}T00:00:00.000Z`, DEFAULT_DAYS - 1), to: today };
}

function key(day: string, severity: Severity): string {
  return `${day}|${severity}`;
}

class DayTally {
  private opened = 0;
  private firstResponsesMet = 0;
  private readonly firstResponseTimes: number[] = [];
  private resolutionsMet = 0;
  private readonly resolutionTimes: number[] = [];
  private breaches = 0;
  private escalations = 0;
  private redirections = 0;

  add(activity: SlaActivity, policy: SupportPolicy, versions: PolicyVersions): void {
    const caseCalendar = { timeZone: activity.timeZone ?? 'UTC', calendar: activity.calendar };
    // On the clock the target recorded; every measured row has it since the projection's version 5
    // (the runner refuses older read models), the severity's goal in the policy is only a fallback.
    const millis = (goal: 'responseGoal' | 'resolutionGoal') =>
      goalMillisOf(
        // Measured on the calendars of the policy version the target was computed under.
        versions.policyOf(activity.policyVersion),
        activity.clock ?? severityPolicy(policy, activity.severity)[goal].clock,
        caseCalendar,
        activity.spans ?? [],
      );
    switch (activity.kind) {
      case 'opened':
        this.opened += 1;
        return;
      case 'first-response':
        if (activity.met) this.firstResponsesMet += 1;
        this.firstResponseTimes.push(millis('responseGoal'));
        return;
      case 'resolution':
        if (activity.met) this.resolutionsMet += 1;
        this.resolutionTimes.push(millis('resolutionGoal'));
        return;
      case 'breach':
        this.breaches += 1;
        return;
      case 'escalation':
        this.escalations += 1;
        return;
      case 'redirection':
        this.redirections += 1;
        return;
    }
  }

  row(date: string, severity: Severity): SlaDailyRow {
    const firstResponse = summariseDurations(this.firstResponseTimes);
    const resolution = summariseDurations(this.resolutionTimes);
    return {
      date,
      severity,
      opened: this.opened,
      firstResponses: firstResponse.measured,
      firstResponsesMet: this.firstResponsesMet,
      firstResponseMetPercent: percentage(this.firstResponsesMet, firstResponse.measured),
      firstResponseMedianBusinessMs: firstResponse.medianBusinessMs,
      firstResponseP90BusinessMs: firstResponse.p90BusinessMs,
      resolutions: resolution.measured,
      resolutionsMet: this.resolutionsMet,
      resolutionMetPercent: percentage(this.resolutionsMet, resolution.measured),
      resolutionMedianBusinessMs: resolution.medianBusinessMs,
      resolutionP90BusinessMs: resolution.p90BusinessMs,
      breaches: this.breaches,
      escalations: this.escalations,
      redirections: this.redirections,
    };
  }
}
