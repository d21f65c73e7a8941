import type { LicenceEvent } from '@casetrail/domain';
import { missionCriticalCoverChange } from './mission-critical-cover-change';
import type { AccountFacts } from './notification-facts';

const AT = '2031-01-01T12:00:00.000Z';
const lapse = {
  type: 'LicenceExpired',
  data: { licenceId: 'l1', accountId: 'a1', at: AT, activeUntil: '2030-12-31', expiresAt: AT },
} as LicenceEvent;
const account = (facts: Partial<AccountFacts>): AccountFacts => ({ id: 'a1', csm: null, team: {}, ...facts });
const ended = { ended: true, renewed: false };

describe('missionCriticalCoverChange', () => {
  const mine = { plan: 'mission-critical' as const, expiresAt: AT };

  it('is lost when the writer knows every licence of the account and none other is in force', () => {
    expect(
      missionCriticalCoverChange(
        lapse,
        account({ licenceCover: { l1: mine }, licenceCoverComplete: true }),
        ended,
      ),
    ).toBe('lost');
  });

  it('is unknown (said conditionally) when the account may hold licences the writer never saw', () => {
    expect(missionCriticalCoverChange(lapse, account({ licenceCover: { l1: mine } }), ended)).toBe('unknown');
  });

  it('is kept while another mission-critical licence of the account is in force', () => {
    const other = { plan: 'mission-critical' as const, expiresAt: '2035-01-01T12:00:00.000Z' };
    expect(missionCriticalCoverChange(lapse, account({ licenceCover: { l1: mine, l2: other } }), ended)).toBe(
      'kept',
    );
  });

  it('says nothing of a licence that is not mission-critical, or whose plan the writer does not know', () => {
    const enterprise = { plan: 'enterprise' as const, expiresAt: AT };
    expect(
      missionCriticalCoverChange(lapse, account({ licenceCover: { l1: enterprise } }), ended),
    ).toBeUndefined();
    expect(missionCriticalCoverChange(lapse, account({}), ended)).toBeUndefined();
  });
});
