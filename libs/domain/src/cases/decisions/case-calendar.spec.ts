import { parseSupportPolicy } from '../../policy/parse-support-policy';
import { resolveCalendar } from '../../policy/policy-calendars';
import type { CaseDecisionContext } from '../context';
import type { CaseEvent, CaseOpened, SeverityChanged } from '../events';
import type { OpenedCase } from '../state';
import { givenCase } from '../testing/given-when-then';
import { commands, context, historyOf } from '../testing/case-fixtures';

/**
 * A case's business calendar: the account's named calendar (or the policy default) when it is
 * opened, recorded in CaseOpened, and the one every later computation uses, whatever the account
 * or the policy says afterwards. The application builds the context with `resolveCalendar`, from
 * the account when opening and from the case's own state afterwards; these tests do the same.
 */
const GERMANY = 'de-public-holidays';
const policy = parseSupportPolicy({
  version: 'calendars-1',
  calendars: { [GERMANY]: { publicHolidays: { country: 'DE' } } },
});
const BERLIN = 'Europe/Berlin';

/** Tuesday 30 April 2024, 11:00 in Berlin; Wednesday 1 May is Labour Day in Germany. */
const TUESDAY = '2024-04-30T09:00:00.000Z';

/** The context the application builds to open a case for an account with these settings. */
function openingContext(account: { timeZone: string; calendar?: string }): CaseDecisionContext {
  const { calendar, name } = resolveCalendar(policy, account);
  return context({ policy, calendar, ...(name !== undefined ? { calendarName: name } : {}) });
}

/** The context the application builds for any later command: the case's own calendar and zone. */
function laterContext(state: OpenedCase, inForce = policy): CaseDecisionContext {
  return context({ policy: inForce, calendar: resolveCalendar(inForce, state).calendar });
}

const opened = (events: readonly CaseEvent[]) => events[0] as CaseOpened;
const openOnTuesday = commands.openCase({ at: TUESDAY, severity: 3 });
/** The engineer raises the case to severity 2 two hours after it was opened. */
const raiseToTwo = commands.changeSeverity({ at: '2024-04-30T11:00:00.000Z', severity: 2 });

describe("case decider: the case's business calendar", () => {
  describe('opening a case', () => {
    it("records the account's named calendar, and the case is due a working day later over a public holiday", () => {
      const german = opened(
        historyOf([openOnTuesday], openingContext({ timeZone: BERLIN, calendar: GERMANY })),
      );
      const standard = opened(historyOf([openOnTuesday], openingContext({ timeZone: BERLIN })));

      expect(german.data).toMatchObject({ calendar: GERMANY, timeZone: BERLIN });
      // One business day after Tuesday 11:00: Wednesday by default, Thursday past Labour Day.
      expect(standard.data.targets.firstResponse.dueAt).toBe('2024-05-01T09:00:00.000Z');
      expect(german.data.targets.firstResponse.dueAt).toBe('2024-05-02T09:00:00.000Z');
    });

    it('records no calendar for an account on the policy default, as before there were named calendars', () => {
      const standard = opened(historyOf([openOnTuesday], openingContext({ timeZone: BERLIN })));
      expect(standard.data).not.toHaveProperty('calendar');
    });

    it('the state keeps the calendar name the case was opened under', () => {
      const { state } = givenCase(
        historyOf([openOnTuesday], openingContext({ timeZone: BERLIN, calendar: GERMANY })),
        context(),
      );
      expect(state).toMatchObject({ calendar: GERMANY, timeZone: BERLIN });
    });
  });

  describe('later computations use the calendar the case was opened under', () => {
    it('a severity change recomputes the targets on that calendar (public holidays still off)', () => {
      const history = historyOf([openOnTuesday], openingContext({ timeZone: BERLIN, calendar: GERMANY }));
      const given = givenCase(history, context());
      const [changed] = given.when(raiseToTwo, laterContext(given.state as OpenedCase)).events() as [
        SeverityChanged,
      ];
      // Severity 2 resolves within 14 business days of the upgrade (Tuesday 30 April, 13:00 in
      // Berlin). German public holidays on the way: 1 May, Ascension (9 May), Whit Monday (20 May).
      expect(changed.data.newTargets.resolution.dueAt).toBe('2024-05-23T11:00:00.000Z');
      // The first response keeps its due time (an upgrade never moves it later): Thursday, past 1 May.
      expect(changed.data.newTargets.firstResponse.dueAt).toBe('2024-05-02T09:00:00.000Z');
    });

    it('an old CaseOpened without a calendar uses the policy default, even where named calendars exist now', () => {
      const before = historyOf([openOnTuesday], openingContext({ timeZone: BERLIN }));
      const { calendar: _none, ...oldData } = opened(before).data;
      const given = givenCase([{ type: 'CaseOpened', data: oldData }], context());
      expect(given.state).not.toHaveProperty('calendar');

      const [changed] = given.when(raiseToTwo, laterContext(given.state as OpenedCase)).events() as [
        SeverityChanged,
      ];
      // 14 business days from the upgrade with only weekends off.
      expect(changed.data.newTargets.resolution.dueAt).toBe('2024-05-20T11:00:00.000Z');
    });

    it('a case naming a calendar the policy no longer has falls back to the default calendar in its own zone', () => {
      const history = historyOf([openOnTuesday], openingContext({ timeZone: BERLIN, calendar: GERMANY }));
      const given = givenCase(history, context());
      const withoutGermany = parseSupportPolicy({ version: 'calendars-2' });
      const resolved = resolveCalendar(withoutGermany, given.state as OpenedCase);

      expect(resolved).toMatchObject({ missing: GERMANY, calendar: { timeZone: BERLIN } });
      expect(resolved.calendar.publicHolidays).toBeUndefined();
      const [changed] = given
        .when(raiseToTwo, laterContext(given.state as OpenedCase, withoutGermany))
        .events() as [SeverityChanged];
      expect(changed.data.newTargets.resolution.dueAt).toBe('2024-05-20T11:00:00.000Z');
    });
  });
});
