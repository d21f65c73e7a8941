import { describeChange } from './describe-change';

describe('describeChange', () => {
  it('shows the instants a change names in the case time zone too', () => {
    const change = describeChange(
      {
        type: 'SlaTargetAtRisk',
        data: {
          caseId: 'case-1',
          target: 'resolution',
          dueAt: '2026-11-27T17:14:00.000Z',
          atRiskAt: '2026-11-26T17:14:00.000Z',
          at: '2026-11-26T17:14:00.000Z',
          by: 'system:sla',
        },
      },
      { audience: 'staff', timeZone: 'America/Los_Angeles' },
    );
    expect(change.details).toEqual([{ label: 'Due', value: 'Fri 27 Nov 2026, 09:14 PST (17:14 UTC)' }]);
  });

  describe('when a resolved case closes by itself', () => {
    const resolved = (autoCloseAt: string) =>
      ({
        type: 'CaseResolved',
        data: {
          caseId: 'case-1',
          summary: 'Fixed in 14.3',
          autoCloseAt,
          at: autoCloseAt,
          by: 'eve@vendor.example',
        },
      }) as Parameters<typeof describeChange>[0];
    const postponed = {
      type: 'AutoClosePostponed',
      data: {
        caseId: 'case-1',
        previousAutoCloseAt: '2026-12-04T21:31:57.000Z',
        autoCloseAt: '2026-12-05T10:00:00.000Z',
        at: '2026-11-28T10:00:00.000Z',
        by: 'jane@acme.example',
      },
    } as Parameters<typeof describeChange>[0];
    const closes = (change: Parameters<typeof describeChange>[0], escalationOpen?: boolean) =>
      describeChange(change, { timeZone: 'Europe/Sofia', escalationOpen }).details.find(
        (detail) => detail.label === 'Closes automatically',
      )?.value;

    it('names the end of the quiet period', () => {
      expect(closes(resolved('2026-12-04T21:31:57.000Z'))).toBe('Fri 4 Dec 2026, 23:31 EET (21:31 UTC)');
      expect(closes(postponed, false)).toBe('Sat 5 Dec 2026, 12:00 EET (10:00 UTC)');
    });

    it('says it waits for the de-escalation while an escalation is open, as the case detail does', () => {
      expect(closes(resolved('2026-12-04T21:31:57.000Z'), true)).toBe(
        'once de-escalated, and not before Fri 4 Dec 2026, 23:31 EET (21:31 UTC)',
      );
      expect(closes(postponed, true)).toBe(
        'once de-escalated, and not before Sat 5 Dec 2026, 12:00 EET (10:00 UTC)',
      );
    });
  });

  it('gives a public comment on a resolved case the closing time its quiet period restarted to, and a note none', () => {
    const autoCloseAt = '2026-12-05T10:00:00.000Z';
    const comment = (internal: boolean) =>
      describeChange(
        {
          type: 'CommentAdded',
          data: {
            caseId: 'case-1',
            commentId: 'c-9',
            body: 'The patch is on the download page too',
            internal,
            byStaff: true,
            at: '2026-11-28T10:00:00.000Z',
            by: 'eve@vendor.example',
          },
        },
        { timeZone: 'Europe/Sofia', autoCloseAt },
      ).details;
    expect(comment(false)).toEqual([
      { label: 'Closes automatically', value: 'Sat 5 Dec 2026, 12:00 EET (10:00 UTC)' },
    ]);
    expect(comment(true)).toEqual([]);
  });

  it("says an escalation the customer's closure ended was ended so, with its reason, and no closing time", () => {
    // The case is still resolved, its quiet period running, at the de-escalation: the closure follows.
    const autoCloseAt = '2026-12-05T10:00:00.000Z';
    const deEscalated = (endedByClosure?: true) =>
      describeChange(
        {
          type: 'CaseDeEscalated',
          data: {
            caseId: 'case-1',
            level: 2,
            reason: endedByClosure ? 'The customer closed the case, confirming the resolution' : 'Fixed',
            ...(endedByClosure ? { endedByClosure } : {}),
            at: '2026-11-28T10:00:00.000Z',
            by: endedByClosure ? 'jane@acme.example' : 'eve@vendor.example',
          },
        },
        { autoCloseAt },
      );
    expect(deEscalated(true)).toEqual({
      headline: 'Escalation ended (level 2): the customer closed the case',
      details: [{ label: 'Reason', value: 'The customer closed the case, confirming the resolution' }],
    });
    expect(deEscalated().headline).toBe('Case de-escalated (level 2)');
    expect(deEscalated().details.map((detail) => detail.label)).toEqual(['Reason', 'Closes automatically']);
  });
});
