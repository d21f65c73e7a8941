/**
 * Business-time additions per second against plain Luxon `DateTime.plus({ hours })` in the same
 * run, on the same starts (epoch ms in, epoch ms out, both in the calendar's zone):
 *
 * - default calendar (Monday to Friday all day) in Europe/Sofia;
 * - a 09:00-17:00 calendar with a lunch break, US public holidays (date-holidays) and custom days,
 *   in America/New_York.
 *
 * Each addition cycles through the goals the policy uses (1 business day, 8 business hours,
 * 14 and 21 business days), from starts spread over two years, so weekends, holidays and
 * daylight-saving changes are all crossed. Day plans are cached per calendar, as in the app; the
 * first pass (warm-up) builds them. Rounds alternate between the two sides and each side keeps its
 * best round, so drift on a shared machine hits both alike. Target: at least the Luxon rate.
 * Size: BENCH_SLA_ADDITIONS (default 200000) per round.
 */
import { addBusinessDurationMs, type BusinessCalendar, type SlaDuration } from '@casetrail/domain';
import { DateTime } from 'luxon';
import { BenchResult, BenchScenario, measure, perSecond, versus } from '../harness';

const ADDITIONS = Number(process.env.BENCH_SLA_ADDITIONS ?? 200_000);
const ROUNDS = 3;
const TWO_YEARS_MS = 2 * 365 * 86_400_000;
const FIRST_START = Date.UTC(2024, 0, 1);

const ALL_DAY = ['00:00-24:00'];
const OFFICE_DAY = ['09:00-12:30', '13:30-17:00'];

const DEFAULT_CALENDAR: BusinessCalendar = {
  timeZone: 'Europe/Sofia',
  workingHours: { monday: ALL_DAY, tuesday: ALL_DAY, wednesday: ALL_DAY, thursday: ALL_DAY, friday: ALL_DAY },
};
const OFFICE_CALENDAR: BusinessCalendar = {
  timeZone: 'America/New_York',
  workingHours: {
    monday: OFFICE_DAY,
    tuesday: OFFICE_DAY,
    wednesday: OFFICE_DAY,
    thursday: OFFICE_DAY,
    friday: OFFICE_DAY,
  },
  holidays: ['2024-12-24', '2024-12-31', '2025-12-24', '2025-12-31'],
  publicHolidays: { country: 'US' },
};

const GOALS: SlaDuration[] = [
  { amount: 1, unit: 'days', clock: 'business' },
  { amount: 8, unit: 'hours', clock: 'business' },
  { amount: 14, unit: 'days', clock: 'business' },
  { amount: 21, unit: 'days', clock: 'business' },
];
/** The same goals as plain hours for the Luxon baseline. */
const GOAL_HOURS = [24, 8, 14 * 24, 21 * 24];

/** Deterministic starts spread over two years (a multiplicative hash, no Math.random). */
function starts(count: number): Float64Array {
  const result = new Float64Array(count);
  for (let i = 0; i < count; i++) result[i] = FIRST_START + ((i * 2_654_435_761) % TWO_YEARS_MS);
  return result;
}

function addBusinessTime(calendar: BusinessCalendar, from: Float64Array): number {
  let checksum = 0;
  for (let i = 0; i < from.length; i++)
    checksum += addBusinessDurationMs(calendar, from[i], GOALS[i & 3]) % 1000;
  return checksum;
}

function addLuxonHours(zone: string, from: Float64Array): number {
  let checksum = 0;
  for (let i = 0; i < from.length; i++) {
    checksum +=
      DateTime.fromMillis(from[i], { zone })
        .plus({ hours: GOAL_HOURS[i & 3] })
        .toMillis() % 1000;
  }
  return checksum;
}

async function compare(name: string, calendar: BusinessCalendar, from: Float64Array): Promise<BenchResult> {
  addBusinessTime(calendar, from);
  addLuxonHours(calendar.timeZone, from.subarray(0, 10_000));
  let bestEngineMs = Infinity;
  let bestLuxonMs = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    bestEngineMs = Math.min(bestEngineMs, (await measure(() => addBusinessTime(calendar, from))).ms);
    bestLuxonMs = Math.min(bestLuxonMs, (await measure(() => addLuxonHours(calendar.timeZone, from))).ms);
  }
  return versus(
    { name, value: perSecond(from.length, bestEngineMs), unit: 'additions/s', target: '>= 1' },
    { name: 'luxon DateTime.plus({hours})', value: perSecond(from.length, bestLuxonMs) },
  );
}

const scenario: BenchScenario = async () => {
  const from = starts(ADDITIONS);
  return [
    await compare('business-time addition, default calendar (Mon-Fri all day)', DEFAULT_CALENDAR, from),
    await compare('business-time addition, 09:00-17:00 with lunch and holidays', OFFICE_CALENDAR, from),
  ];
};

export default scenario;
