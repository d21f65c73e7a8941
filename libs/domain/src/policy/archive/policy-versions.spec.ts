import { DEFAULT_SUPPORT_POLICY } from '../default-support-policy';
import type { SupportPolicy } from '../support-policy';
import { PolicyVersions } from './policy-versions';

const nineToFive = { workingHours: { monday: ['09:00-17:00'] } };
const v1: SupportPolicy = { ...DEFAULT_SUPPORT_POLICY, version: 'v1', calendar: nineToFive };
const v2: SupportPolicy = { ...DEFAULT_SUPPORT_POLICY, version: 'v2' };

describe('PolicyVersions', () => {
  it('Given recorded versions, a target is read under the version it was computed under', () => {
    const versions = new PolicyVersions(v2, [v1, v2]);
    expect(versions.policyOf('v1')).toBe(v1);
    expect(versions.policyOf('v2')).toBe(v2);
  });

  it('Given a version never recorded (or none), the policy in force, and the caller is told once per ask', () => {
    const unknown: string[] = [];
    const versions = new PolicyVersions(v2, [v1], (version) => unknown.push(version));
    expect(versions.policyOf('before-the-archive')).toBe(v2);
    expect(versions.policyOf(undefined)).toBe(v2);
    expect(unknown).toEqual(['before-the-archive']);
  });

  it('Given a version recorded later (another process adopted it), it is read under its own policy from then on', () => {
    const versions = new PolicyVersions(v1);
    expect(versions.has('v2')).toBe(false);
    versions.record(v2);
    expect(versions.policyOf('v2')).toBe(v2);
  });

  it('keeps the first policy recorded under a version: the archive is what targets were computed under', () => {
    const edited: SupportPolicy = { ...v1, calendar: { workingHours: {} } };
    const versions = new PolicyVersions(edited, [v1]);
    expect(versions.policyOf('v1')).toBe(v1);
    expect(versions.inForce).toBe(edited);
  });
});
