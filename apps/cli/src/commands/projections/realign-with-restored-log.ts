import type { EventStore, GlobalPosition } from '@casetrail/eventstore';
import { findEach, ProjectionRunner, type ReadModelStore } from '@casetrail/readmodels';
import {
  NOTIFICATIONS_OUTBOX_PROJECTION,
  notificationProjections,
} from '@casetrail/readmodels/notifications';
import { DeliveryJournal } from '../../../../api/src/notifications/delivery/delivery-journal';
import {
  NOTIFICATION_DELIVERIES,
  type DeliveryRecord,
} from '../../../../api/src/notifications/delivery/delivery-record';
import { LOST_WITH_RESTORED_LOG } from '../../../../api/src/notifications/delivery/lost-with-restored-log';
import { CASE_EVENT_RELAY_CHECKPOINT } from '../../../../api/src/sla-timers/case-event-relay';
import type { RebuildProgress } from '@casetrail/readmodels/projections/one-pass-rebuild';

/** What `realignWithRestoredLog` changed; empty when nothing was beyond the log. */
export interface Realignment {
  head: GlobalPosition;
  /** The outbox was rebuilt: it had applied the log up to here. */
  outboxFrom?: GlobalPosition;
  /** The delivery cursor was moved back to the head from here. */
  cursorFrom?: GlobalPosition;
  /** Pending notifications of lost events, set aside as lost with the restored log. */
  abandoned: number;
  /** The SLA timers' case-event relay was moved back to the head from here. */
  relayFrom?: GlobalPosition;
}

export interface RealignOptions {
  supportTeam: string[];
  /** The policy's group-mailbox patterns, as the notification pipeline is given them. */
  groupMailboxPatterns?: readonly string[];
  now: string;
  onOutboxProgress?: RebuildProgress;
}

/**
 * After an event log restored from a backup older than the read models (their checkpoints beyond
 * its head), `rebuild` has rebuilt the four read models; this brings back what else keeps a
 * position in the log, which rebuilding the read models deliberately leaves alone:
 *
 * - the notification outbox is rebuilt from the log (its rows below the delivery cursor already have
 *   their delivery records, so no one is mailed again);
 * - the delivery cursor moves back to the head: the positions after it will be taken by new
 *   events, which must be adopted and mailed, not passed over as already seen;
 * - notifications still pending for lost events are set aside as `lost` with the reason (they can
 *   no longer be rendered): listed with the dead letters, marked, but neither requeued (nothing
 *   could ever send them) nor counted as delivery failures (nothing failed); those sent stay on
 *   record, as what was mailed before the restore;
 * - the SLA timers' case-event relay moves back to the head, or it would wait for a position the
 *   new events only reach much later.
 *
 * Touches nothing when nothing is beyond the head, so `rebuild` always runs it.
 */
export async function realignWithRestoredLog(
  eventStore: EventStore,
  readModels: ReadModelStore,
  options: RealignOptions,
): Promise<Realignment> {
  const head = await eventStore.headPosition();
  const realignment: Realignment = { head, abandoned: 0 };

  const outbox = await readModels.getCheckpoint(NOTIFICATIONS_OUTBOX_PROJECTION);
  if (outbox > head) {
    await rebuildOutbox(eventStore, readModels, options);
    realignment.outboxFrom = outbox;
  }

  const journal = new DeliveryJournal(readModels);
  await journal.ensureCollections();
  realignment.cursorFrom = await journal.rewindCursorTo(head);
  realignment.abandoned = await setAsideLostNotifications(readModels, journal, head, options.now);

  const relay = await readModels.getCheckpoint(CASE_EVENT_RELAY_CHECKPOINT);
  if (relay > head) {
    await readModels.reset(CASE_EVENT_RELAY_CHECKPOINT, []);
    // Every event up to the head was relayed before the restore; nothing to publish again.
    if (head > 0)
      await readModels.applyBatch(CASE_EVENT_RELAY_CHECKPOINT, [{ position: head }], () => undefined);
    realignment.relayFrom = relay;
  }
  return realignment;
}

async function rebuildOutbox(
  eventStore: EventStore,
  readModels: ReadModelStore,
  options: RealignOptions,
): Promise<void> {
  const runner = new ProjectionRunner({
    eventStore,
    readModels,
    projections: notificationProjections({
      supportTeam: options.supportTeam,
      groupMailboxPatterns: options.groupMailboxPatterns,
    }),
  });
  try {
    await runner.rebuild(undefined, { onProgress: options.onOutboxProgress });
  } finally {
    await runner.stop();
  }
}

async function setAsideLostNotifications(
  readModels: ReadModelStore,
  journal: DeliveryJournal,
  head: GlobalPosition,
  now: string,
): Promise<number> {
  // Pending records are few (what the worker has yet to send); their position is not indexed.
  const lost: string[] = [];
  const pending = findEach<DeliveryRecord>(
    readModels,
    NOTIFICATION_DELIVERIES,
    { where: { status: 'pending' } },
    500,
  );
  for await (const record of pending) if (record.position > head) lost.push(record.id);
  for (const id of lost) await journal.markLost(id, now);
  return lost.length;
}

/** One line per change, for the operator. */
export function describeRealignment(realignment: Realignment): string[] {
  const { head } = realignment;
  const lines: string[] = [];
  if (realignment.outboxFrom !== undefined) {
    lines.push(
      `Rebuilt notifications-outbox up to position ${head} (it had applied the log up to ${realignment.outboxFrom}); no one is mailed again`,
    );
  }
  if (realignment.cursorFrom !== undefined) {
    lines.push(`Moved the notification delivery cursor back from ${realignment.cursorFrom} to ${head}`);
  }
  if (realignment.abandoned > 0) {
    lines.push(
      `Set aside ${realignment.abandoned} pending notification(s) of events no longer in the log as ${LOST_WITH_RESTORED_LOG} (listed by \`casetrail notifications --dead\`; they cannot be sent or requeued)`,
    );
  }
  if (realignment.relayFrom !== undefined) {
    lines.push(`Moved the SLA timers' case-event relay back from ${realignment.relayFrom} to ${head}`);
  }
  return lines;
}
