import type { CaseCommand, CaseEvent } from '@casetrail/domain';
import { actors, commands, historyOf, plus, T0 } from '@casetrail/domain/cases/testing/case-fixtures';
import { NOTIFICATION_OUTBOX, type CaseNotification } from '@casetrail/readmodels/notifications';
import { OutboxFixture } from '../testing/outbox-fixture';
import { formatInstant } from './format-instant';
import { renderNotification } from './render-notification';

/**
 * Finding U5: the customer escalates again over the acknowledged level's overdue status update. The
 * new level's acknowledgement is due when that update was (it stays owed), so its alert fires at
 * once: it said "Escalation not acknowledged in time (level 2)", "Was due" minutes before level 2
 * existed, and dropped the engineer whose update was missing. It now says level 2 was raised over
 * level 1's overdue update, when, and whose it was, and that engineer stays on it.
 */
describe("the alert of a level raised over the previous level's overdue status update", () => {
  let fixture: OutboxFixture;
  let rows: CaseNotification[];
  let updateDueAt: string;
  let raisedAt: string;

  beforeAll(async () => {
    fixture = new OutboxFixture();
    await fixture.start();
    const steps: CaseCommand[] = [
      commands.openCase(),
      commands.escalate(),
      {
        type: 'AcknowledgeEscalation',
        caseId: 'case-1',
        actor: actors.engineer,
        at: plus(T0, { hours: 1, minutes: 5 }),
      },
    ];
    const acknowledged = historyOf(steps).find(
      (event): event is Extract<CaseEvent, { type: 'EscalationAcknowledged' }> =>
        event.type === 'EscalationAcknowledged',
    )!;
    updateDueAt = acknowledged.data.nextStatusUpdateDueAt;
    raisedAt = plus(updateDueAt, { minutes: 8 });
    const overdue = (what: 'acknowledgement' | 'status-update', at: string): CaseCommand => ({
      type: 'RecordEscalationOverdue',
      caseId: 'case-1',
      actor: actors.system,
      at,
      what,
      dueAt: updateDueAt,
    });
    steps.push(
      overdue('status-update', updateDueAt),
      commands.escalate({ at: raisedAt, reason: 'low-satisfaction', details: 'No updates' }),
      overdue('acknowledgement', raisedAt),
    );
    await fixture.appendCase('case-1', historyOf(steps));
    rows = (await fixture.readModels.find<CaseNotification>(NOTIFICATION_OUTBOX, {})).items.filter(
      (row) => row.change.type === 'EscalationAcknowledgementOverdue',
    );
  });

  afterAll(() => fixture.close());

  it('says level 2 was raised over level 1’s overdue status update, when, and whose update it was', () => {
    const { subject, text } = renderNotification(rows[0], { publicUrl: 'https://support.example' });
    const when = (iso: string) => formatInstant(iso, 'UTC');
    expect(subject).toContain(
      "Escalation not acknowledged (level 2): raised over level 1's overdue status update",
    );
    expect(text).toContain(`Raised: ${when(raisedAt)}`);
    expect(text).toContain(
      `Missed: level 1's status update, due ${when(updateDueAt)}, owed by eve@vendor.example (acknowledged the escalation)`,
    );
    expect(text).toContain(
      `Escalation: level 2, not yet acknowledged; raised over level 1's status update due ${when(updateDueAt)}, overdue`,
    );
    expect(text).not.toContain('not acknowledged in time');
    expect(text).not.toContain('Was due');
  });

  it('reaches the engineer who owed the missed update, as the update’s own alert did', () => {
    expect(rows.map((row) => row.recipient)).toContain(actors.engineer.email);
    expect(rows.find((row) => row.recipient === actors.engineer.email)?.reasons).toEqual([
      'escalation-acknowledger',
    ]);
  });
});
