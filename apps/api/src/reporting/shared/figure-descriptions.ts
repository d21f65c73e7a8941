/**
 * The definitions the dashboard's and the daily report's OpenAPI fields share, in the README's
 * words ("SLA clocks, timers and escalations"), so both documents define a figure the same way.
 */

/** How every duration figure is measured. */
const BUSINESS_TIME =
  "in ms of business time: time on the goal's own clock, working time on the account's calendar (the " +
  'calendar and time zone the case was opened under), and every hour for a wall-clock goal such as ' +
  'severity 1\'s "1 hour, 24x7" response. Measured from the start of the clock the target was judged on ' +
  '(the opening, or the severity upgrade or reopening that restarted it)';

const RESPONSE_TIME =
  "to the engineer's first public reply (a public comment, a request for information, a proposed " +
  "resolution, a redirection's referral or an escalation status update)";

const RESOLUTION_TIME =
  'to the resolution, counting only the time the case was with support (new or in progress): time ' +
  'awaiting the customer (the paused clock) is left out';

const NEAREST_RANK =
  'Nearest-rank: always one of the measured values, never interpolated, so the median of an even number ' +
  'of values is the lower middle one. Null when nothing was measured';

const P90 = 'the smallest measured value that at least 90 % of the values do not exceed';

export const FIGURE_DESCRIPTIONS = {
  median: `Median time to the goal, ${BUSINESS_TIME}: first response ${RESPONSE_TIME}; resolution ${RESOLUTION_TIME}. ${NEAREST_RANK}`,
  p90: `90th percentile of the same times (${P90}). ${NEAREST_RANK}`,
  responseMedian: `Median time to first response, ${BUSINESS_TIME}, ${RESPONSE_TIME}. ${NEAREST_RANK}`,
  responseP90: `90th percentile of the same times to first response (${P90}). ${NEAREST_RANK}`,
  resolutionMedian: `Median time to resolution, ${BUSINESS_TIME}, ${RESOLUTION_TIME}. ${NEAREST_RANK}`,
  resolutionP90: `90th percentile of the same times to resolution (${P90}). ${NEAREST_RANK}`,
  percent: 'A percentage with two decimals (70.59 for 12 of 17); null when there is nothing to divide',
} as const;
