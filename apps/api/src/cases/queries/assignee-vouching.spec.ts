import type { AssigneeStanding, CustomerDirectory } from '../../accounts/customer-directory';
import { assigneeVouching } from './assignee-vouching';

/** A directory that knows one standing for everyone. */
function directoryAnswering(standing: AssigneeStanding): CustomerDirectory {
  return { assigneeStanding: () => Promise.resolve(standing) } as unknown as CustomerDirectory;
}

describe('assigneeVouching', () => {
  it('tells staff to reassign the very case, not a path template (finding F2)', async () => {
    const vouching = await assigneeVouching(
      directoryAnswering({ vouched: false, csmOfOtherAccounts: true }),
      'cathy.csm@vendor.example',
      { accountId: 'acc-globex', caseId: 'case-g1' },
    );
    expect(vouching.assigneeVouched).toBe(false);
    expect(vouching.assigneeNotVouchedReason).toContain(
      'reassign the case to an engineer (POST /v1/cases/case-g1/assignment)',
    );
    expect(vouching.assigneeNotVouchedReason).not.toContain('{caseId}');
  });

  it('says nothing more of a vouched assignee', async () => {
    await expect(
      assigneeVouching(directoryAnswering({ vouched: true }), 'eve@vendor.example', {
        accountId: 'acc-1',
        caseId: 'case-1',
      }),
    ).resolves.toEqual({ assigneeVouched: true });
  });
});
