/**
 * The hint under a customer's severity field (the web offers severity 2 and 3). Severity 1 is
 * opened by phone, which the default policy gives the enterprise and mission-critical plans only:
 * on a standard plan the API refuses it and says to open the case on the web at severity 2, saying
 * production is down. `plans`: the chosen licence's plan, or every plan they may log cases on
 * while none is chosen.
 */
export function webSeverityHint(plans: readonly string[]): string {
  const standard = plans.filter((plan) => plan === 'standard').length;
  if (standard > 0 && standard === plans.length)
    return 'Production system down? Your plan has no phone support: open it at severity 2 and say so.';
  if (standard > 0)
    return 'Production system down? On an enterprise or mission-critical licence, call support (severity 1 is opened by phone); a standard licence has no phone support: open it at severity 2 and say so.';
  return 'Production system down? Severity 1 cases are opened by phone: call support.';
}
