import { Inject, Injectable, Optional } from '@nestjs/common';
import { PolicyVersions, SEVERITIES, type Severity, type SupportPolicy } from '@casetrail/domain';
import { findEach, type ReadModelStore, type Where } from '@casetrail/readmodels';
import { ESCALATIONS, SLA_CASES } from '@casetrail/readmodels/reporting/reporting-collections';
import type { EscalationEntry } from '@casetrail/readmodels/reporting/escalation-board';
import { atRiskAt } from '@casetrail/readmodels/sla/at-risk-windows';
import { resolutionSpans, responseSpans } from '@casetrail/readmodels/reporting/measured-spans';
import type { SlaCaseFacts, Span } from '@casetrail/readmodels/reporting/sla-case-facts';
import type { TargetFacts } from '@casetrail/readmodels/reporting/target-facts';
import { Actor } from '../../auth/actor';
import { CLOCK, Clock, POLICY_VERSIONS, SUPPORT_POLICY } from '../../runtime/runtime';
import { READ_MODEL_STORE } from '../../storage/storage.tokens';
import { ReportingAccess } from '../access/reporting-scope';
import { goalMillisOf } from '../shared/business-durations';
import { percentage, summariseDurations } from '../shared/percentiles';
import { REPORT_PAGE } from '../shared/report-page';
import { instantPeriod, instantsWithin } from '../shared/report-period';
import type { GoalFigures, SeverityFigures, SlaDashboard } from './sla-dashboard';
import type { SlaDashboardQuery } from './sla-dashboard.query';
import { overdueEscalationConditions } from '../escalations/escalation-overdue';

/** Case ids per count of the overdue escalations' cases (SQLite's bound on a statement's values is 32,766). */
const CASE_IDS_PER_COUNT = 1_000;

/**
 * The SLA dashboard over a cohort of cases (opened in the period, of a product, of an account).
 *
 * Cost, per request: twelve count queries on indexed fields (open, breached now, at risk, open
 * escalations per severity; breached now and at risk are range queries of `now` against indexed
 * instants, at risk then checked against each target's window on the rows found), the overdue
 * escalations off the board's index and, when there are some, three counts of their cases by id
 * (see overdueEscalations), plus one pass
 * over the cohort's rows for the goals and the percentiles: goals met are counted and the
 * business-time durations measured on the calendar as the rows stream by. That pass is O(cases
 * opened in the period); narrow the period for very large histories.
 */
@Injectable()
export class SlaDashboardService {
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

  async dashboard(actor: Actor, query: SlaDashboardQuery): Promise<SlaDashboard> {
    const scope = await this.access.scope(actor, query);
    const period = instantPeriod(query.from, query.to);
    const now = this.clock.now().toISOString();
    const cohort: Where = {
      openedAt: instantsWithin(period),
      product: scope.product,
      accountId: scope.accountId,
    };
    const [counts, goals, overdue] = await Promise.all([
      this.counts(cohort, now),
      this.goals(cohort, now),
      this.overdueEscalations(cohort, now),
    ]);
    return {
      asOf: now,
      filters: {
        ...(period.from ? { from: period.from } : {}),
        ...(period.to ? { to: period.to } : {}),
        ...(scope.productName ? { product: scope.productName } : {}),
        ...(query.accountId ? { accountId: query.accountId } : {}),
      },
      scope: scope.coverage,
      severities: SEVERITIES.map((severity) => ({
        severity,
        name: this.policy.severities[severity].name,
        ...counts.get(severity)!,
        overdueEscalations: overdue.get(severity) ?? 0,
        firstResponse: goals.firstResponse.get(severity)!.figures(),
        resolution: goals.resolution.get(severity)!.figures(),
      })),
      overdueEscalations: [...overdue.values()].reduce((sum, count) => sum + count, 0),
    };
  }

  /**
   * Per severity, the cohort's cases whose escalation is overdue now, by the escalations board's
   * rule (overdueEscalationConditions), decided at the read as `breachedNow` is, so no projection
   * stores it. The overdue escalations of the product and accounts are read off the board's
   * `open + nextDueAt` index (few at any time, one open escalation per case); their cases are then
   * counted in the cohort (its period is the case's opening, which the board does not keep), per
   * severity, by id.
   */
  private async overdueEscalations(cohort: Where, now: string): Promise<Map<Severity, number>> {
    const overdue = await this.readModels.find<EscalationEntry>(ESCALATIONS, {
      where: { ...overdueEscalationConditions(now), product: cohort.product, accountId: cohort.accountId },
    });
    const caseIds = [...new Set(overdue.items.map((entry) => entry.caseId))];
    const counts = new Map<Severity, number>();
    // A bounded `in` list per query: SQLite refuses a statement of more than 32,766 values, and a
    // desk with that many overdue escalations must still get its figure, not a 500.
    for (let from = 0; from < caseIds.length; from += CASE_IDS_PER_COUNT) {
      const ids = caseIds.slice(from, from + CASE_IDS_PER_COUNT);
      const chunk = await Promise.all(
        SEVERITIES.map((severity) =>
          this.readModels.count(SLA_CASES, { ...cohort, severity, id: { in: ids } }),
        ),
      );
      SEVERITIES.forEach((severity, index) =>
        counts.set(severity, (counts.get(severity) ?? 0) + chunk[index]),
      );
    }
    return counts;
  }

  private async counts(cohort: Where, now: string) {
    const count = (where: Where, anyOf?: Where[]) =>
      this.readModels.count(SLA_CASES, { ...cohort, ...where }, anyOf);
    const bySeverity = new Map<
      Severity,
      Pick<SeverityFigures, 'open' | 'breachedNow' | 'atRisk' | 'openEscalations'>
    >();
    await Promise.all(
      SEVERITIES.map(async (severity) => {
        const [open, breachedNow, atRisk, openEscalations] = await Promise.all([
          count({ severity, active: true }),
          // Inactive cases carry no deadline and no at-risk window (far future), so these need no
          // `active` condition. A case with a target at risk counts even if its other target is
          // already past due (it counts as breached now too); no target is at risk before
          // `atRiskFrom`, whose index finds the rows the windows are checked on.
          count({ severity, unmetDueAt: { lte: now } }),
          count({ severity, atRiskFrom: { lte: now } }, atRiskAt(now)),
          count({ severity, openEscalation: true }),
        ]);
        bySeverity.set(severity, { open, breachedNow, atRisk, openEscalations });
      }),
    );
    return bySeverity;
  }

  private async goals(cohort: Where, now: string) {
    const firstResponse = new Map(SEVERITIES.map((severity) => [severity, new GoalTally()]));
    const resolution = new Map(SEVERITIES.map((severity) => [severity, new GoalTally()]));
    // A page at a time, so memory stays flat however wide the period and other requests get turns.
    const cohortRows = findEach<SlaCaseFacts>(this.readModels, SLA_CASES, { where: cohort }, REPORT_PAGE);
    for await (const facts of cohortRows) {
      const responded = facts.firstResponseAt;
      firstResponse
        .get(facts.firstResponse.severity)!
        .add(
          facts.firstResponse,
          now,
          responded
            ? () => this.millis(facts, facts.firstResponse, responseSpans(facts.firstResponse, responded))
            : undefined,
        );
      if (facts.status === 'redirected') continue;
      resolution
        .get(facts.resolution.severity)!
        .add(
          facts.resolution,
          now,
          facts.resolvedAt
            ? () =>
                this.millis(facts, facts.resolution, resolutionSpans(facts.supportSpans, facts.resolution))
            : undefined,
        );
    }
    return { firstResponse, resolution };
  }

  /** Measured on the clock the target was judged on (see measured-spans.ts for the spans). */
  private millis(facts: SlaCaseFacts, target: TargetFacts, spans: readonly Span[]): number {
    return goalMillisOf(this.versions.policyOf(target.policyVersion), target.clock, facts, spans);
  }
}

/** Met and missed goals and the measured durations of one severity. */
class GoalTally {
  private met = 0;
  private missed = 0;
  private readonly durations: number[] = [];

  add(target: TargetFacts, now: string, duration?: () => number): void {
    if (target.state === 'met') this.met += 1;
    else if (target.state === 'breached' || (target.state === 'running' && target.dueAt <= now))
      this.missed += 1;
    if (duration) this.durations.push(duration());
  }

  figures(): GoalFigures {
    return {
      met: this.met,
      missed: this.missed,
      metPercent: percentage(this.met, this.met + this.missed),
      ...summariseDurations(this.durations),
    };
  }
}
