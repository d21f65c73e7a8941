import { IANAZone } from 'luxon';
import type { BusinessCalendar } from './business-calendar';
import { WEEKDAYS } from './business-calendar';
import type { DayPlan, WorkSegment } from './day-plan';
import { HolidayLookup } from './holiday-lookup';
import {
  parseWorkingInterval,
  validateBusinessCalendar,
  type LocalInterval,
} from './validate-business-calendar';

export const DAY_MS = 86_400_000;
/** No real calendar goes ten years without working time; stop instead of looping forever. */
const MAX_IDLE_DAYS = 3_660;
const MAX_CACHED_DAYS = 50_000;

/**
 * A validated calendar with its local days resolved to real instants on demand and cached.
 * Luxon's zone answers offsets (about 5 µs each through Intl), so the hot paths only touch cached
 * day plans and call the zone when a day is first seen.
 */
export class CompiledCalendar {
  private readonly zone: IANAZone;
  private readonly week: readonly (readonly LocalInterval[])[];
  private readonly holidays: HolidayLookup;
  private readonly plans = new Map<number, DayPlan>();
  /** Offset of the last day looked up: a good first guess for the next lookup's local day. */
  private recentOffsetMs = 0;

  constructor(calendar: BusinessCalendar) {
    this.zone = IANAZone.create(calendar.timeZone);
    this.week = WEEKDAYS.map((weekday) =>
      (calendar.workingHours[weekday] ?? [])
        .map((text) => parseWorkingInterval(text))
        .sort((a, b) => a.startMs - b.startMs),
    );
    this.holidays = new HolidayLookup(calendar.holidays, calendar.publicHolidays);
  }

  /** The plan of the local day that contains instant `t`. */
  planAt(t: number): DayPlan {
    let plan = this.plan(Math.floor((t + this.recentOffsetMs) / DAY_MS));
    while (t < plan.start) plan = this.plan(plan.day - 1);
    while (t >= plan.end) plan = this.plan(plan.day + 1);
    this.recentOffsetMs = plan.day * DAY_MS - plan.start;
    return plan;
  }

  plan(day: number): DayPlan {
    let plan = this.plans.get(day);
    if (!plan) {
      if (this.plans.size >= MAX_CACHED_DAYS) this.plans.clear();
      plan = this.buildPlan(day);
      this.plans.set(day, plan);
    }
    return plan;
  }

  /** The first day after `after` that has working time; throws if there is none for years. */
  nextPlanWithWork(after: DayPlan): DayPlan {
    for (let day = after.day + 1; day <= after.day + MAX_IDLE_DAYS; day++) {
      const plan = this.plan(day);
      if (plan.workMs > 0) return plan;
    }
    throw new RangeError(`The calendar has no working time within ${MAX_IDLE_DAYS} days`);
  }

  private buildPlan(day: number): DayPlan {
    const midnight = day * DAY_MS;
    // A day starts where the one before it ends: a neighbour's cached plan already has that
    // instant, which otherwise costs three or four of the zone's offset lookups.
    const start = this.plans.get(day - 1)?.end ?? this.localToInstant(midnight);
    const end = this.plans.get(day + 1)?.start ?? this.localToInstant(midnight + DAY_MS);
    const date = new Date(midnight);
    const isoDate = date.toISOString().slice(0, 10);
    // 1970-01-01 was a Thursday (index 3 with Monday = 0).
    const weekdayIndex = (((day + 3) % 7) + 7) % 7;
    const off = this.holidays.offPartOf(isoDate, date.getUTCFullYear());
    const intervals = off ? workedOutside(this.week[weekdayIndex], off) : this.week[weekdayIndex];

    const offsetAtStart = this.offsetMs(start);
    const offsetAtEnd = this.offsetMs(end - 1);
    const transition = offsetAtStart === offsetAtEnd ? undefined : this.transitionBetween(start, end - 1);

    const segments: WorkSegment[] = [];
    let nominalBefore = 0;
    for (const interval of intervals) {
      // Working hours from or to midnight (the default calendar's whole days) start or end with the day.
      const intervalStart = interval.startMs === 0 ? start : this.localToInstant(midnight + interval.startMs);
      const intervalEnd = interval.endMs === DAY_MS ? end : this.localToInstant(midnight + interval.endMs);
      const cuts = [intervalStart];
      if (transition !== undefined && transition > intervalStart && transition < intervalEnd)
        cuts.push(transition);
      cuts.push(intervalEnd);
      const length = interval.endMs - interval.startMs;
      // Highest local position reached so far in this interval: a repeated (fall-back) hour stays flat.
      let reached = 0;
      for (let i = 1; i < cuts.length; i++) {
        const [from, to] = [cuts[i - 1], cuts[i]];
        if (to <= from) continue;
        const offset = transition !== undefined && from >= transition ? offsetAtEnd : offsetAtStart;
        const localFrom = from + offset - midnight - interval.startMs;
        const localTo = Math.min(localFrom + (to - from), length);
        const flatUntil = localFrom >= reached ? from : Math.min(to, from + (reached - localFrom));
        if (flatUntil > from) {
          segments.push({
            r0: from,
            r1: flatUntil,
            n0: nominalBefore + reached,
            n1: nominalBefore + reached,
          });
        }
        if (to > flatUntil) {
          const n0 = Math.max(localFrom, reached);
          segments.push({
            r0: flatUntil,
            r1: to,
            n0: nominalBefore + n0,
            n1: nominalBefore + n0 + (to - flatUntil),
          });
        }
        reached = Math.max(reached, localTo);
      }
      nominalBefore += length;
    }
    const workMs = segments.reduce((sum, segment) => sum + (segment.r1 - segment.r0), 0);
    return { day, start, end, segments, workMs, nominalMs: workMs > 0 ? nominalBefore : 0 };
  }

  private offsetMs(t: number): number {
    return this.zone.offset(t) * 60_000;
  }

  /**
   * The earliest instant at or after the local wall time `localMs` (local fields as if UTC): the
   * earlier of two instants in a fall-back overlap, the end of the jump in a spring-forward gap.
   */
  private localToInstant(localMs: number): number {
    const offsetBefore = this.offsetMs(localMs - DAY_MS);
    const offsetAfter = this.offsetMs(localMs + DAY_MS);
    const candidates = [localMs - offsetBefore, localMs - offsetAfter].sort((a, b) => a - b);
    for (const candidate of candidates) {
      if (candidate + this.offsetMs(candidate) === localMs) return candidate;
    }
    return this.transitionBetween(candidates[0], candidates[1]);
  }

  /** First instant in `(from, to]` whose offset is that of `to` (a single transition lies between). */
  private transitionBetween(from: number, to: number): number {
    const offsetAtTo = this.offsetMs(to);
    let [low, high] = [from, to];
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (this.offsetMs(middle) === offsetAtTo) high = middle;
      else low = middle;
    }
    return high;
  }
}

const compiledByIdentity = new WeakMap<BusinessCalendar, CompiledCalendar>();
const compiledByContent = new Map<string, CompiledCalendar>();
const MAX_CACHED_CALENDARS = 256;

/**
 * The compiled form of a calendar, validated on first use (throws a validation DomainError).
 * Cached by object identity and by content, so callers that rebuild equal calendar objects for
 * every command still reuse the cached days.
 */
export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  let compiled = compiledByIdentity.get(calendar);
  if (compiled) return compiled;
  const key = JSON.stringify([
    calendar.timeZone,
    calendar.workingHours,
    calendar.holidays ?? [],
    calendar.publicHolidays ?? null,
  ]);
  compiled = compiledByContent.get(key);
  if (!compiled) {
    compiled = new CompiledCalendar(validateBusinessCalendar(calendar));
    if (compiledByContent.size >= MAX_CACHED_CALENDARS) compiledByContent.clear();
    compiledByContent.set(key, compiled);
  }
  compiledByIdentity.set(calendar, compiled);
  return compiled;
}

/** The parts of a day's working hours outside `off` (a holiday that covers part of the day). */
function workedOutside(hours: readonly LocalInterval[], off: LocalInterval): LocalInterval[] {
  return hours.flatMap((interval) =>
    [
      { startMs: interval.startMs, endMs: Math.min(interval.endMs, off.startMs) },
      { startMs: Math.max(interval.startMs, off.endMs), endMs: interval.endMs },
    ].filter((part) => part.endMs > part.startMs),
  );
}
