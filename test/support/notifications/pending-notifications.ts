import * as path from 'node:path';
import type { AccountEvent, CaseCommand, CaseEvent } from '@casetrail/domain';
import { actors, commands, historyOf, T0 } from '@casetrail/domain/cases/testing/case-fixtures';
import { openSqliteEventStore } from '@casetrail/eventstore';
import { openSqliteReadModelStore, ProjectionRunner } from '@casetrail/readmodels';
import {
  NOTIFICATION_OUTBOX,
  notificationProjections,
  type OutboxNotification,
} from '@casetrail/readmodels/notifications';

const STAFF_ROLES: Record<string, string[]> = { [actors.engineer.email]: ['engineer'] };

/**
 * Prepares a DATA_DIR holding pending notifications: an account whose case team has `teamSize`
 * members, a case Alice opens and the engineer answers `replies` times, all in events.sqlite, and
 * the outbox writer run over them into readmodels.sqlite. Returns the outbox rows (one per
 * notification to deliver).
 */
export async function writePendingNotifications(
  dataDir: string,
  options: { teamSize: number; replies: number; supportTeam: string[] },
): Promise<OutboxNotification[]> {
  const eventStore = openSqliteEventStore(path.join(dataDir, 'events.sqlite'));
  const readModels = openSqliteReadModelStore(path.join(dataDir, 'readmodels.sqlite'));
  try {
    const account: AccountEvent[] = [
      { type: 'AccountRegistered', data: { accountId: 'acc-1', name: 'Acme', timeZone: null, at: T0 } },
      ...Array.from({ length: options.teamSize }, (_, index): AccountEvent => ({
        type: 'CaseTeamMemberAdded',
        data: {
          accountId: 'acc-1',
          email: `member-${index}@acme.example`,
          name: `Member ${index}`,
          notify: true,
          at: T0,
        },
      })),
    ];
    for (const event of account) {
      await eventStore.append(
        'account-acc-1',
        [{ ...event, metadata: { actor: 'admin@vendor.example', correlationId: 'setup', schemaVersion: 1 } }],
        'any',
      );
    }
    const steps: CaseCommand[] = [
      commands.openCase(),
      ...Array.from({ length: options.replies }, (_, index) =>
        commands.comment({ commentId: `reply-${index}`, body: `Update number ${index + 1}` }),
      ),
    ];
    for (const event of historyOf(steps) as CaseEvent[]) {
      const metadata = {
        actor: event.data.by,
        actorRoles: STAFF_ROLES[event.data.by] ?? [],
        correlationId: 'setup',
        schemaVersion: 1,
      };
      await eventStore.append('case-case-1', [{ ...event, metadata }], 'any');
    }

    const runner = new ProjectionRunner({
      eventStore,
      readModels,
      projections: notificationProjections({ supportTeam: options.supportTeam }),
    });
    await runner.start();
    const caughtUp = await runner.catchUp(30_000);
    await runner.stop();
    if (!caughtUp) throw new Error('the outbox writer did not catch up');
    return (await readModels.find<OutboxNotification>(NOTIFICATION_OUTBOX)).items;
  } finally {
    await Promise.all([eventStore.close(), readModels.close()]);
  }
}
