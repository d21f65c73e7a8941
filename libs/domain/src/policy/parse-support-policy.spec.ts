import { DomainError } from '../shared/domain-error';
import { DEFAULT_SUPPORT_POLICY } from './default-support-policy';
import { parseSupportPolicy } from './parse-support-policy';

function parseError(document: unknown): DomainError {
  try {
    parseSupportPolicy(document);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the policy to be refused');
}

describe('DEFAULT_SUPPORT_POLICY', () => {
  it('states the goals of DOMAIN.md', () => {
    expect(DEFAULT_SUPPORT_POLICY.severities[1]).toMatchObject({
      channels: ['phone'],
      responseGoal: { amount: 1, unit: 'hours', clock: 'wall' },
      resolutionGoal: { amount: 7, unit: 'days', clock: 'business' },
    });
    expect(DEFAULT_SUPPORT_POLICY.severities[2].responseGoal).toEqual({
      amount: 1,
      unit: 'days',
      clock: 'business',
    });
    expect(DEFAULT_SUPPORT_POLICY.severities[3].resolutionGoal).toEqual({
      amount: 21,
      unit: 'days',
      clock: 'business',
    });
    expect(DEFAULT_SUPPORT_POLICY.atRiskShare).toBe(0.75);
    expect(DEFAULT_SUPPORT_POLICY.escalation.statusUpdateCadence[1]).toEqual({
      amount: 4,
      unit: 'hours',
      clock: 'wall',
    });
    expect(DEFAULT_SUPPORT_POLICY.plans.standard.channels).toEqual(['web']);
    expect(DEFAULT_SUPPORT_POLICY.licensing.pendingInvitationFollowUpHours).toBe(48);
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_SUPPORT_POLICY.severities[1].responseGoal)).toBe(true);
  });
});

describe('parseSupportPolicy', () => {
  it('merges a partial document over the defaults', () => {
    const policy = parseSupportPolicy({
      version: '2025-01',
      atRiskShare: 0.8,
      severities: { 2: { responseGoal: { amount: 4, unit: 'hours', clock: 'business' } } },
      escalation: { statusUpdateCadence: { 2: { amount: 8, unit: 'hours', clock: 'wall' } } },
      calendar: { workingHours: { monday: ['09:00-17:00'] }, publicHolidays: { country: 'us' } },
    });
    expect(policy.version).toBe('2025-01');
    expect(policy.atRiskShare).toBe(0.8);
    expect(policy.severities[2]).toEqual({
      ...DEFAULT_SUPPORT_POLICY.severities[2],
      responseGoal: { amount: 4, unit: 'hours', clock: 'business' },
    });
    expect(policy.severities[1]).toEqual(DEFAULT_SUPPORT_POLICY.severities[1]);
    expect(policy.escalation.statusUpdateCadence[1]).toEqual(
      DEFAULT_SUPPORT_POLICY.escalation.statusUpdateCadence[1],
    );
    expect(policy.escalation.acknowledgementWindow).toEqual(
      DEFAULT_SUPPORT_POLICY.escalation.acknowledgementWindow,
    );
    expect(policy.calendar).toEqual({
      workingHours: { monday: ['09:00-17:00'] },
      holidays: [],
      publicHolidays: { country: 'US' },
    });
    expect(policy.plans).toEqual(DEFAULT_SUPPORT_POLICY.plans);
  });

  it('accepts the JSON text of a policy file and an integer version', () => {
    expect(parseSupportPolicy('{"version": 3}').version).toBe('3');
  });

  it('replaces lists rather than merging them', () => {
    const policy = parseSupportPolicy({
      version: 'v2',
      plans: { standard: { channels: ['web', 'phone'] } },
      licensing: { groupMailboxPatterns: ['^support$'] },
    });
    expect(policy.plans.standard.channels).toEqual(['web', 'phone']);
    expect(policy.licensing.groupMailboxPatterns).toEqual(['^support$']);
  });

  it('reads named calendars, each merged over the built-in default calendar rather than over `calendar`', () => {
    const policy = parseSupportPolicy({
      version: 'calendars-1',
      calendar: { workingHours: { monday: ['09:00-17:00'] }, holidays: ['2025-12-24'] },
      calendars: {
        'de-public-holidays': { publicHolidays: { country: 'de' } },
        us_east: { timeZone: 'America/New_York', workingHours: { friday: ['09:00-13:00'] } },
      },
    });
    expect(policy.calendar.workingHours).toEqual({ monday: ['09:00-17:00'] });
    expect(policy.calendars).toEqual({
      'de-public-holidays': {
        workingHours: DEFAULT_SUPPORT_POLICY.calendar.workingHours,
        holidays: [],
        publicHolidays: { country: 'DE' },
      },
      us_east: { timeZone: 'America/New_York', workingHours: { friday: ['09:00-13:00'] }, holidays: [] },
    });
    expect(Object.isFrozen(policy.calendars['de-public-holidays'])).toBe(true);
  });

  it('has no named calendars unless the file gives some', () => {
    expect(DEFAULT_SUPPORT_POLICY.calendars).toEqual({});
    expect(parseSupportPolicy({ version: '1' }).calendars).toEqual({});
    expect(parseSupportPolicy({ version: '1', calendars: {} }).calendars).toEqual({});
  });

  it.each([
    ['a missing version', {}, 'version', /required/],
    ['text that is not JSON', '{version:', undefined, /not valid JSON/],
    ['an unknown section', { version: '1', slas: {} }, 'slas', /unknown setting/],
    ['an unknown severity', { version: '1', severities: { 4: {} } }, 'severities.4', /unknown setting/],
    [
      'a bad duration unit',
      { version: '1', severities: { 2: { responseGoal: { amount: 1, unit: 'weeks', clock: 'business' } } } },
      'severities.2.responseGoal.unit',
      /minutes, hours, days/,
    ],
    [
      'an incomplete duration',
      { version: '1', severities: { 3: { resolutionGoal: { amount: 21, unit: 'days' } } } },
      'severities.3.resolutionGoal.clock',
      /must be one of wall, business/,
    ],
    [
      'a zero goal',
      { version: '1', escalation: { acknowledgementWindow: { amount: 0, unit: 'hours', clock: 'wall' } } },
      'escalation.acknowledgementWindow.amount',
      /greater than 0/,
    ],
    ['an at-risk share of 1', { version: '1', atRiskShare: 1 }, 'atRiskShare', /between 0 and 1/],
    [
      'an unknown channel',
      { version: '1', plans: { enterprise: { channels: ['fax'] } } },
      'plans.enterprise.channels.0',
      /phone, web/,
    ],
    [
      'no channel at all',
      { version: '1', severities: { 1: { channels: [] } } },
      'severities.1.channels',
      /at least one/,
    ],
    [
      'an unknown plan',
      { version: '1', plans: { gold: { channels: ['web'] } } },
      'plans.gold',
      /unknown setting/,
    ],
    [
      'a malformed mailbox pattern',
      { version: '1', licensing: { groupMailboxPatterns: ['^support$', '(team'] } },
      'licensing.groupMailboxPatterns.1',
      /regular expression/,
    ],
    [
      'a negative follow-up age',
      { version: '1', licensing: { pendingInvitationFollowUpHours: -1 } },
      'licensing.pendingInvitationFollowUpHours',
      /greater than 0/,
    ],
    [
      'a bad calendar time zone',
      { version: '1', calendar: { timeZone: 'Mars/Olympus' } },
      'calendar.timeZone',
      /IANA/,
    ],
    [
      'a bad working interval',
      { version: '1', calendar: { workingHours: { monday: ['17:00-09:00'] } } },
      'calendar.workingHours.monday.0',
      /end after it starts/,
    ],
    ['named calendars that are not an object', { version: '1', calendars: [] }, 'calendars', /an object/],
    [
      'a named calendar that is not an object',
      { version: '1', calendars: { 'de-public-holidays': 'DE' } },
      'calendars.de-public-holidays',
      /an object/,
    ],
    [
      'a calendar name with a space',
      { version: '1', calendars: { 'de public': { publicHolidays: { country: 'DE' } } } },
      'calendars.de public',
      /not a calendar name/,
    ],
    [
      'a dotted calendar name',
      { version: '1', calendars: { 'de.bavaria': {} } },
      'calendars.de.bavaria',
      /not a calendar name/,
    ],
    [
      'a calendar name that starts with a digit',
      { version: '1', calendars: { '2025': {} } },
      'calendars.2025',
      /not a calendar name/,
    ],
    [
      'an unknown setting in a named calendar',
      { version: '1', calendars: { de: { publicHolidays: { country: 'DE' }, workdays: ['monday'] } } },
      'calendars.de.workdays',
      /unknown setting/,
    ],
    [
      'an unknown holiday country in a named calendar',
      { version: '1', calendars: { de: { publicHolidays: { country: 'XX' } } } },
      'calendars.de.publicHolidays.country',
      /not a country known/,
    ],
    [
      'a bad working interval in a named calendar',
      { version: '1', calendars: { short: { workingHours: { friday: ['13:00-09:00'] } } } },
      'calendars.short.workingHours.friday.0',
      /end after it starts/,
    ],
    [
      'a named calendar without working time',
      { version: '1', calendars: { never: { workingHours: {} } } },
      'calendars.never.workingHours',
      /at least one working interval/,
    ],
    [
      'a bad time zone in a named calendar',
      { version: '1', calendars: { mars: { timeZone: 'Mars/Olympus' } } },
      'calendars.mars.timeZone',
      /IANA/,
    ],
  ])('refuses %s, naming the path', (_, document, field, message) => {
    const error = parseError(document);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.kind).toBe('validation');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    if (field) expect(error.message.startsWith(`${field}: `)).toBe(true);
  });

  it('returns a frozen policy', () => {
    expect(Object.isFrozen(parseSupportPolicy({ version: '1' }).severities)).toBe(true);
  });
});
