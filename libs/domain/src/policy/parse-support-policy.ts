import { isEmailDomainEntry } from '../licences/email-domain-rules';
import { DEFAULT_CALENDAR_TEMPLATE, type BusinessCalendarTemplate } from '../sla/calendar/business-calendar';
import { validateCalendarTemplate } from '../sla/calendar/validate-business-calendar';
import { DURATION_CLOCKS, DURATION_UNITS, type SlaDuration } from '../sla/time/sla-duration';
import { DEFAULT_SUPPORT_POLICY } from './default-support-policy';
import { deepFreeze } from './deep-freeze';
import { isCalendarName } from './policy-calendars';
import {
  describe,
  invalid,
  join,
  readArray,
  readNumber,
  readObject,
  readString,
  rejectUnknownKeys,
  type JsonObject,
} from './json-validation';
import type {
  EscalationPolicy,
  LicensingPolicy,
  PlanEntitlements,
  SeverityPolicy,
  SupportPolicy,
} from './support-policy';
import {
  SEVERITIES,
  SUPPORT_CHANNELS,
  SUPPORT_PLANS,
  type Severity,
  type SupportChannel,
} from './support-vocabulary';

const CODE = 'invalid-support-policy';

/**
 * Validate a support policy document (the parsed JSON of SUPPORT_POLICY_FILE, or its text) and
 * merge it over `DEFAULT_SUPPORT_POLICY`: every section, severity, plan and setting may be left out
 * and keeps its default. Within what is given, a duration is always complete
 * (`{ amount, unit, clock }`), and lists (channels, mailbox patterns, holidays, a day's working
 * hours) replace the default list. `version` is required, because every SLA target records the
 * version it was computed under and a changed policy must not pass for the built-in one.
 *
 * Throws a validation DomainError (`invalid-support-policy`, or `invalid-business-calendar` inside a
 * calendar) whose message and `field` name the JSON path at fault, e.g.
 * `severities.2.responseGoal.unit` or `calendars.de-public-holidays.publicHolidays.country`.
 */
export function parseSupportPolicy(json: unknown): SupportPolicy {
  const document = readObject(CODE, typeof json === 'string' ? parseJsonText(json) : json, '');
  rejectUnknownKeys(
    CODE,
    document,
    [
      'version',
      'severities',
      'atRiskShare',
      'escalation',
      'autoClose',
      'reopen',
      'plans',
      'licensing',
      'calendar',
      'calendars',
    ],
    '',
  );
  const defaults = DEFAULT_SUPPORT_POLICY;
  const policy: SupportPolicy = {
    version: readVersion(document.version),
    severities: readSeverities(document.severities, defaults.severities),
    atRiskShare: document.atRiskShare === undefined ? defaults.atRiskShare : readShare(document.atRiskShare),
    escalation: readEscalation(document.escalation, defaults.escalation),
    autoClose:
      document.autoClose === undefined
        ? defaults.autoClose
        : {
            quietPeriod: readSection(document.autoClose, 'autoClose', ['quietPeriod'], (section) =>
              section.quietPeriod === undefined
                ? defaults.autoClose.quietPeriod
                : readDuration(section.quietPeriod, 'autoClose.quietPeriod'),
            ),
          },
    reopen:
      document.reopen === undefined
        ? defaults.reopen
        : {
            window: readSection(document.reopen, 'reopen', ['window'], (section) =>
              section.window === undefined
                ? defaults.reopen.window
                : readDuration(section.window, 'reopen.window'),
            ),
          },
    plans: readPlans(document.plans, defaults.plans),
    licensing: readLicensing(document.licensing, defaults.licensing),
    calendar: readCalendar(document.calendar, 'calendar'),
    calendars: readCalendars(document.calendars, defaults.calendars),
  };
  return deepFreeze(policy);
}

/** Read a duration such as `{ "amount": 1, "unit": "hours", "clock": "wall" }`; the amount must be positive. */
export function readDuration(value: unknown, path: string): SlaDuration {
  const object = readObject(CODE, value, path);
  rejectUnknownKeys(CODE, object, ['amount', 'unit', 'clock'], path);
  const amount = readNumber(CODE, object.amount, join(path, 'amount'));
  if (amount <= 0) throw invalid(CODE, join(path, 'amount'), `must be greater than 0, got ${amount}`);
  return {
    amount,
    unit: readChoice(object.unit, DURATION_UNITS, join(path, 'unit')),
    clock: readChoice(object.clock, DURATION_CLOCKS, join(path, 'clock')),
  };
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid(CODE, '', `is not valid JSON (${(error as Error).message})`);
  }
}

function readVersion(value: unknown): string {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return String(value);
  if (value === undefined) throw invalid(CODE, 'version', 'is required (each SLA target records it)');
  return readString(CODE, value, 'version').trim();
}

function readShare(value: unknown): number {
  const share = readNumber(CODE, value, 'atRiskShare');
  if (share <= 0 || share >= 1)
    throw invalid(CODE, 'atRiskShare', `must be between 0 and 1 (exclusive), got ${share}`);
  return share;
}

function readSeverities(value: unknown, defaults: SupportPolicy['severities']): SupportPolicy['severities'] {
  if (value === undefined) return defaults;
  return readPerSeverity(value, 'severities', defaults, (item, path, fallback) =>
    readSection(
      item,
      path,
      ['name', 'channels', 'responseGoal', 'resolutionGoal'],
      (section): SeverityPolicy => ({
        name: section.name === undefined ? fallback.name : readString(CODE, section.name, join(path, 'name')),
        channels:
          section.channels === undefined
            ? fallback.channels
            : readChannels(section.channels, join(path, 'channels')),
        responseGoal:
          section.responseGoal === undefined
            ? fallback.responseGoal
            : readDuration(section.responseGoal, join(path, 'responseGoal')),
        resolutionGoal:
          section.resolutionGoal === undefined
            ? fallback.resolutionGoal
            : readDuration(section.resolutionGoal, join(path, 'resolutionGoal')),
      }),
    ),
  );
}

function readEscalation(value: unknown, defaults: EscalationPolicy): EscalationPolicy {
  if (value === undefined) return defaults;
  return readSection(value, 'escalation', ['acknowledgementWindow', 'statusUpdateCadence'], (section) => ({
    acknowledgementWindow:
      section.acknowledgementWindow === undefined
        ? defaults.acknowledgementWindow
        : readDuration(section.acknowledgementWindow, 'escalation.acknowledgementWindow'),
    statusUpdateCadence:
      section.statusUpdateCadence === undefined
        ? defaults.statusUpdateCadence
        : readPerSeverity(
            section.statusUpdateCadence,
            'escalation.statusUpdateCadence',
            defaults.statusUpdateCadence,
            (item, path) => readDuration(item, path),
          ),
  }));
}

function readPlans(value: unknown, defaults: SupportPolicy['plans']): SupportPolicy['plans'] {
  if (value === undefined) return defaults;
  const object = readObject(CODE, value, 'plans');
  rejectUnknownKeys(CODE, object, SUPPORT_PLANS, 'plans');
  const plans = { ...defaults };
  for (const plan of SUPPORT_PLANS) {
    if (object[plan] === undefined) continue;
    const path = join('plans', plan);
    plans[plan] = readSection(object[plan], path, ['channels'], (section): PlanEntitlements => ({
      channels:
        section.channels === undefined
          ? defaults[plan].channels
          : readChannels(section.channels, join(path, 'channels')),
    }));
  }
  return plans;
}

function readLicensing(value: unknown, defaults: LicensingPolicy): LicensingPolicy {
  if (value === undefined) return defaults;
  return readSection(
    value,
    'licensing',
    [
      'groupMailboxPatterns',
      'pendingInvitationFollowUpHours',
      'disposableEmailDomains',
      'refusedEmailDomains',
    ],
    (section) => ({
      groupMailboxPatterns:
        section.groupMailboxPatterns === undefined
          ? defaults.groupMailboxPatterns
          : readPatterns(section.groupMailboxPatterns, 'licensing.groupMailboxPatterns'),
      pendingInvitationFollowUpHours:
        section.pendingInvitationFollowUpHours === undefined
          ? defaults.pendingInvitationFollowUpHours
          : readPositive(section.pendingInvitationFollowUpHours, 'licensing.pendingInvitationFollowUpHours'),
      disposableEmailDomains:
        section.disposableEmailDomains === undefined
          ? defaults.disposableEmailDomains
          : readEmailDomains(section.disposableEmailDomains, 'licensing.disposableEmailDomains'),
      refusedEmailDomains:
        section.refusedEmailDomains === undefined
          ? defaults.refusedEmailDomains
          : readEmailDomains(section.refusedEmailDomains, 'licensing.refusedEmailDomains'),
    }),
  );
}

/**
 * A calendar section merges over the built-in default template key by key, then is validated as a
 * whole. Named calendars merge over the built-in template too, not over `calendar`, so each one
 * means the same whatever the default calendar says.
 */
function readCalendar(value: unknown, path: string): BusinessCalendarTemplate {
  if (value === undefined) return DEFAULT_CALENDAR_TEMPLATE;
  return validateCalendarTemplate({ ...DEFAULT_CALENDAR_TEMPLATE, ...readObject(CODE, value, path) }, path);
}

/** `calendars`: name -> calendar template, each read as `calendar` is; the section replaces the default's (none). */
function readCalendars(
  value: unknown,
  defaults: SupportPolicy['calendars'],
): Record<string, BusinessCalendarTemplate> {
  if (value === undefined) return defaults;
  const object = readObject(CODE, value, 'calendars');
  const calendars: Record<string, BusinessCalendarTemplate> = {};
  for (const [name, template] of Object.entries(object)) {
    // An empty name would read as `calendars.`: quote it so the message shows what was given.
    const path = join('calendars', name === '' ? '""' : name);
    if (!isCalendarName(name)) {
      throw invalid(
        CODE,
        path,
        'is not a calendar name: a letter, then up to 63 letters, digits, - or _ (e.g. de-public-holidays)',
      );
    }
    calendars[name] = readCalendar(template, path);
  }
  return calendars;
}

function readPerSeverity<T>(
  value: unknown,
  path: string,
  defaults: Readonly<Record<Severity, T>>,
  read: (item: unknown, path: string, fallback: T) => T,
): Record<Severity, T> {
  const object = readObject(CODE, value, path);
  rejectUnknownKeys(CODE, object, SEVERITIES.map(String), path);
  const result = { ...defaults };
  for (const severity of SEVERITIES) {
    const item = object[String(severity)];
    if (item !== undefined) result[severity] = read(item, join(path, severity), defaults[severity]);
  }
  return result;
}

function readSection<T>(
  value: unknown,
  path: string,
  keys: readonly string[],
  read: (section: JsonObject) => T,
): T {
  const section = readObject(CODE, value, path);
  rejectUnknownKeys(CODE, section, keys, path);
  return read(section);
}

function readChannels(value: unknown, path: string): SupportChannel[] {
  const channels = readArray(CODE, value, path).map((item, index) =>
    readChoice(item, SUPPORT_CHANNELS, join(path, index)),
  );
  if (channels.length === 0) throw invalid(CODE, path, 'must list at least one channel');
  if (new Set(channels).size !== channels.length) throw invalid(CODE, path, 'lists a channel twice');
  return channels;
}

function readPatterns(value: unknown, path: string): string[] {
  return readArray(CODE, value, path).map((item, index) => {
    const pattern = readString(CODE, item, join(path, index));
    try {
      new RegExp(pattern, 'i');
    } catch (error) {
      throw invalid(
        CODE,
        join(path, index),
        `is not a valid regular expression (${(error as Error).message})`,
      );
    }
    return pattern;
  });
}

/** A list of mail domains (EmailDomainRules), each as written: the rule normalizes them as it matches. */
function readEmailDomains(value: unknown, path: string): string[] {
  return readArray(CODE, value, path).map((item, index) => {
    const domain = readString(CODE, item, join(path, index));
    if (!isEmailDomainEntry(domain)) {
      throw invalid(
        CODE,
        join(path, index),
        `must be a mail domain such as mailinator.com (no @, no wildcard: a domain covers its subdomains), got ${describe(domain)}`,
      );
    }
    return domain;
  });
}

function readPositive(value: unknown, path: string): number {
  const number = readNumber(CODE, value, path);
  if (number <= 0) throw invalid(CODE, path, `must be greater than 0, got ${number}`);
  return number;
}

function readChoice<T extends string>(value: unknown, choices: readonly T[], path: string): T {
  if (typeof value !== 'string' || !choices.includes(value as T)) {
    throw invalid(CODE, path, `must be one of ${choices.join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}
