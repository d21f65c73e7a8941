import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { DEFAULT_SUPPORT_POLICY } from './default-support-policy';

/**
 * A desk running on the built-in policy records it under its `version` at its first start, and a
 * later start refuses a policy whose content differs from the one recorded under the same version
 * (auditors read a version name as one policy). So a release that changes any built-in value (a
 * goal, a cadence, a default list) without renaming the version would stop every such desk at
 * start. This pin makes the change visible: edit a default, then give DEFAULT_SUPPORT_POLICY a new
 * `version` (casetrail-default-2, …) and update the digest below. (A setting added at its
 * default is no change to a recorded version, see policyDifferences, but still changes the digest.)
 */
describe('the built-in support policy', () => {
  it('Given its content, Then it is the content recorded under its version name', () => {
    const digest = createHash('sha256').update(canonicalize(DEFAULT_SUPPORT_POLICY)!).digest('hex');
    expect({ version: DEFAULT_SUPPORT_POLICY.version, digest }).toEqual({
      version: 'casetrail-default-1',
      digest: 'a59755e51d9d7b16c40132373a0230eba30f780ac683b28158a20bc6fc7d5aab',
    });
  });
});
