import type { EventStore } from '@casetrail/eventstore';
import type { ReadModelStore } from '@casetrail/readmodels';
import { NOTIFICATION_OUTBOX, NOTIFICATIONS_OUTBOX_PROJECTION } from '@casetrail/readmodels/notifications';
import { NOTIFICATION_DELIVERIES } from '../../../apps/api/src/notifications/delivery/delivery-record';
import type { ReceivedMail } from './test-smtp-server';

/**
 * Waits until every event in the log has been through the outbox writer and every notification
 * it wrote has been delivered (sent, dead-lettered or set aside): after that, nothing more will be sent for
 * what has happened so far, so a test can compare what arrived with what should have.
 */
export async function untilAllDelivered(
  stores: { eventStore: EventStore; readModels: ReadModelStore },
  options: { timeoutMs?: number; whileWaiting?: () => void } = {},
): Promise<void> {
  const head = await stores.eventStore.headPosition();
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const [checkpoint, written, finished] = await Promise.all([
      stores.readModels.getCheckpoint(NOTIFICATIONS_OUTBOX_PROJECTION),
      stores.readModels.count(NOTIFICATION_OUTBOX),
      // Finished: sent, given up, or set aside without a send (lost with a restored log, withheld, unneeded).
      stores.readModels.count(NOTIFICATION_DELIVERIES, {
        status: { in: ['sent', 'dead', 'lost', 'withheld', 'unneeded'] },
      }),
    ]);
    if (checkpoint >= head && written === finished) return;
    if (Date.now() > deadline) {
      throw new Error(
        `not all delivered: outbox at ${checkpoint}/${head}, ${finished} of ${written} finished`,
      );
    }
    options.whileWaiting?.();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The mails `action` caused: what happened before it is delivered first, so only the mails of the
 * action itself are returned (optionally only those to `recipient`), once all of them are sent.
 */
export async function mailsSentBy(
  stores: { eventStore: EventStore; readModels: ReadModelStore },
  smtp: { received: readonly ReceivedMail[] },
  action: () => Promise<unknown>,
  recipient?: string,
): Promise<ReceivedMail[]> {
  await untilAllDelivered(stores);
  const before = smtp.received.length;
  await action();
  await untilAllDelivered(stores);
  const sent = smtp.received.slice(before);
  return recipient === undefined ? sent : sent.filter((mail) => mail.envelopeTo.includes(recipient));
}

/** Who each mail went to and its subject, sorted: what a spec about who hears of a change compares. */
export function recipientsAndSubjects(mails: { envelopeTo: string[]; subject: string }[]): string[][] {
  return mails.map((mail) => [mail.envelopeTo.join(','), mail.subject]).sort();
}
