import { DEFAULT_SUPPORT_POLICY } from '../default-support-policy';
import type { SupportPolicy } from '../support-policy';
import { needsAdoption } from './policy-adoption';
import { parseSupportPolicy } from '../parse-support-policy';

const nineToFive = { workingHours: { monday: ['09:00-17:00'], friday: ['09:00-17:00'] } };
const v1: SupportPolicy = { ...DEFAULT_SUPPORT_POLICY, version: 'v1', calendar: nineToFive };

describe('needsAdoption', () => {
  it('Given an archive without the version, Then the policy in force is to be recorded', () => {
    expect(needsAdoption([], v1)).toBe(true);
    expect(needsAdoption([{ ...v1, version: 'v0' }], v1)).toBe(true);
  });

  it('Given the version recorded with the same content, Then nothing is recorded', () => {
    expect(needsAdoption([v1], { ...v1 })).toBe(false);
  });

  it('Given the same file re-serialised (key order, spacing, a default written out), Then nothing is recorded', () => {
    const file = {
      version: 'acme-1',
      severities: { '2': { responseGoal: { amount: 2, unit: 'minutes', clock: 'wall' } } },
      calendar: { workingHours: { monday: ['09:00-17:00'], friday: ['09:00-17:00'] } },
    };
    const recorded = JSON.parse(JSON.stringify(parseSupportPolicy(file)));
    const rewritten = parseSupportPolicy(`{
      "calendar": {"workingHours": {"friday": ["09:00-17:00"], "monday": ["09:00-17:00"]}},
      "atRiskShare": ${DEFAULT_SUPPORT_POLICY.atRiskShare},
      "severities": {"2": {"responseGoal": {"clock": "wall", "unit": "minutes", "amount": 2.0}}},
      "version": "acme-1"
    }`);
    expect(needsAdoption([recorded], rewritten)).toBe(false);
  });

  it('Given the version recorded by a release without a setting the built-in policy has now, Then the setting at its default is no change', () => {
    const { licensing, ...older } = JSON.parse(JSON.stringify(v1));
    const { pendingInvitationFollowUpHours: _added, ...olderLicensing } = licensing;
    expect(needsAdoption([{ ...older, licensing: olderLicensing }], v1)).toBe(false);
    const changed = { ...v1, licensing: { ...v1.licensing, pendingInvitationFollowUpHours: 1 } };
    expect(() => needsAdoption([{ ...older, licensing: olderLicensing }], changed)).toThrow(
      /licensing\.pendingInvitationFollowUpHours was not set, is now 1/,
    );
  });

  it('Given the version recorded with another goal, Then it is refused naming the version, the setting and both values', () => {
    const faster: SupportPolicy = {
      ...v1,
      severities: {
        ...v1.severities,
        2: { ...v1.severities[2], responseGoal: { amount: 2, unit: 'minutes', clock: 'wall' } },
      },
    };
    const edited: SupportPolicy = {
      ...faster,
      severities: {
        ...faster.severities,
        2: { ...faster.severities[2], responseGoal: { amount: 5, unit: 'minutes', clock: 'wall' } },
      },
    };
    expect(() => needsAdoption([faster], edited)).toThrow(
      'support policy version v1 was recorded with other content than the file has now ' +
        '(severities.2.responseGoal.amount was 2, is now 5): cases computed under it are explained by the ' +
        'recorded policy, so give the edited policy a new "version"',
    );
  });

  it.each([
    ['atRiskShare', { atRiskShare: 0.5 }],
    [
      'escalation.acknowledgementWindow.amount',
      {
        escalation: {
          ...v1.escalation,
          acknowledgementWindow: { amount: 5, unit: 'minutes', clock: 'wall' },
        },
      },
    ],
    ['plans.standard.channels', { plans: { ...v1.plans, standard: { channels: ['phone', 'web'] } } }],
  ])('Given the version recorded with another %s, Then it is refused naming it', (path, change) => {
    expect(() => needsAdoption([v1], { ...v1, ...change } as SupportPolicy)).toThrow(`(${path} was `);
  });

  it('Given a goal changed with many calendar settings, Then the goal is named first, with its values', () => {
    const allWeek = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
    const edited: SupportPolicy = {
      ...v1,
      calendar: { workingHours: Object.fromEntries(allWeek.map((day) => [day, ['00:00-24:00']])) },
      severities: {
        ...v1.severities,
        3: {
          ...v1.severities[3],
          resolutionGoal: {
            ...v1.severities[3].resolutionGoal,
            amount: v1.severities[3].resolutionGoal.amount + 14,
          },
        },
      },
    };
    expect(() => needsAdoption([v1], edited)).toThrow(
      `(severities.3.resolutionGoal.amount was ${v1.severities[3].resolutionGoal.amount}, is now ${
        v1.severities[3].resolutionGoal.amount + 14
      }; calendar.workingHours.friday was `,
    );
  });

  it('Given more settings changed than are shown with values, Then every other one is still named', () => {
    const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
    const edited: SupportPolicy = {
      ...v1,
      atRiskShare: 0.5,
      calendar: { workingHours: Object.fromEntries(days.map((day) => [day, ['10:00-12:00']])) },
      calendars: { de: nineToFive, us: nineToFive },
    };
    expect(() => needsAdoption([v1], edited)).toThrow(/; and 2 more: calendars\.de, calendars\.us\): /);
  });

  it('Given the version recorded with other calendars, Then it is refused naming the version', () => {
    const edited: SupportPolicy = { ...v1, calendar: { workingHours: { monday: ['10:00-12:00'] } } };
    expect(() => needsAdoption([v1], edited)).toThrow(
      /support policy version v1 was recorded with other content than the file has now \(calendar\.workingHours\.friday was \["09:00-17:00"\], is now not set; .* give the edited policy a new "version"/,
    );
    const named: SupportPolicy = {
      ...v1,
      calendars: { de: { ...nineToFive, publicHolidays: { country: 'DE' } } },
    };
    expect(() => needsAdoption([v1], named)).toThrow(/version v1/);
  });
});
