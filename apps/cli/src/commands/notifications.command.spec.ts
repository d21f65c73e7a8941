import { formatNotificationReport } from './notifications.command';

describe('casetrail notifications', () => {
  const summary = { pending: 2, sent: 40, dead: 1, interrupted: 1, outboxCheckpoint: 120, adoptedUpTo: 118 };

  it('prints the counts', () => {
    expect(formatNotificationReport(summary)).toBe(
      [
        'pending 2 (of which interrupted by a crash: 1)',
        'sent    40',
        'dead    1',
        'outbox writer at event position 120; delivery records up to 118',
        '',
      ].join('\n'),
    );
  });

  it('lists dead letters with who, what, how often and why', () => {
    const report = formatNotificationReport(summary, [
      {
        id: 'e1|tom@acme.example',
        recipient: 'tom@acme.example',
        caseId: 'c1',
        subject: '[Casetrail #c1] Checkout fails: New comment',
        kind: 'case-updated',
        messageId: '<e1.abc@casetrail>',
        attempts: 8,
        lastError: '550 mailbox unavailable',
        deadAt: '2026-03-02T10:00:00.000Z',
      },
    ]);
    expect(report).toContain(
      'Dead letters (newest first):\n- e1|tom@acme.example\n  to tom@acme.example, case c1: [Casetrail #c1]',
    );
    expect(report).toContain('  8 attempt(s), given up 2026-03-02T10:00:00.000Z: 550 mailbox unavailable');
    expect(formatNotificationReport(summary, [])).toContain('No dead letters.');
  });
});
