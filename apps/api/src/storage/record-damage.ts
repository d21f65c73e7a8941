import { UnreadableEventError, type EventStore } from '@casetrail/eventstore';
import { isVendorStaff, type Actor } from '../auth/actor';
import { LOGGED_FOR_OPERATOR } from '../problems/store-damage-audience';
import type { DamagedStream, DamagedStreams } from './damaged-streams';

/**
 * The sign on a record's view (a case's detail, a licence's, an account's, their list entries) that
 * its stored record is damaged. The vendor's staff read what was found, when, what a command on it
 * answers now and what is still needed (as /health's `storage` and a command's 503 name it); anyone
 * else (a customer, a customer's compliance auditor) only that changes cannot be made now, in the
 * words of the 503.
 */
export interface RecordDamagedSign {
  detail: string;
  problem?: string;
  foundAt?: string;
}

/** The record kinds with an integrity check of their own (GET /v1/{kind}s/{id}/integrity), as a stream names its kind. */
export const KINDS_WITH_INTEGRITY_CHECK: readonly string[] = ['case', 'licence', 'account'];
const WITH_INTEGRITY_CHECK = new Set(KINDS_WITH_INTEGRITY_CHECK);

/** The kind and id a stream `<kind>-<id>` names. */
export function recordOfStream(stream: string): { kind: string; id: string } {
  const separator = stream.indexOf('-');
  return { kind: stream.slice(0, separator), id: stream.slice(separator + 1) };
}

/** `GET /v1/{kind}s/{id}/integrity` for a record kind that has one (`id` a placeholder when not given). */
export function integrityRouteOf(kind: string, id = `{${kind}Id}`): string | undefined {
  return WITH_INTEGRITY_CHECK.has(kind) ? `GET /v1/${kind}s/${id}/integrity` : undefined;
}

/**
 * What is still needed before a stream found damaged takes commands again, judged by what was found
 * and by whether it was read whole just now (`readsWhole`: no row of it is unreadable any more).
 * Read whole, a stream the projections set aside needs `casetrail rebuild` and a restart, not
 * another restore (the read models lack its events from the damaged one on); one known for lost or
 * unreadable events only, its integrity check (which takes it again once whole).
 */
export function stepStillNeeded(
  found: Pick<DamagedStream, 'stream' | 'setAside' | 'chainBroken'>,
  readsWhole: boolean,
): string {
  if (!readsWhole)
    return 'an operator runs `casetrail verify`, which names the unreadable event, and restores it from a backup';
  if (found.setAside)
    return (
      'its stored events read whole again, but the projections set aside its events from the damaged one on: ' +
      'an operator runs `casetrail rebuild`, then restarts the desk'
    );
  if (found.chainBroken)
    return 'an operator restores the event store from a backup (`casetrail verify` names the changed event); the next command checks its chain again';
  const { kind, id } = recordOfStream(found.stream);
  const check = integrityRouteOf(kind, id);
  return check
    ? `its integrity check (${check}) finds it whole; if it does not, an operator restores the event store from a backup`
    : 'an operator runs `casetrail verify` and restores the event store from a backup';
}

/** Whether `stream` reads without an unreadable row now (other failures are the caller's). */
export async function readsWhole(events: Pick<EventStore, 'readStream'>, stream: string): Promise<boolean> {
  try {
    await events.readStream(stream);
    return true;
  } catch (error) {
    if (error instanceof UnreadableEventError) return false;
    throw error;
  }
}

/**
 * The sign for `stream`'s record shown to `actor`, or undefined while this process does not know it
 * damaged (DamagedStreams: what /health's `storage` names, and every command on it answers 503).
 * Staff are told which problem a command answers now (`stored-event-unreadable` while a row of it
 * cannot be read, as the stream is read before anything else; `storage-inconsistent` once it reads)
 * and the step still needed; `setAside`, that the view lacks its events from the damaged one on.
 */
export async function recordDamagedSign(
  actor: Actor,
  stream: string,
  known: { damaged?: Pick<DamagedStreams, 'find'>; events: Pick<EventStore, 'readStream'> },
): Promise<RecordDamagedSign | undefined> {
  const found = known.damaged?.find(stream);
  if (!found) return undefined;
  const { kind } = recordOfStream(stream);
  if (!isVendorStaff(actor))
    return {
      detail:
        `Changes to this ${kind} cannot be made right now: part of its stored record is unavailable` +
        `${found.setAside ? ', and what is shown may lack its latest changes' : ''}. ` +
        `${LOGGED_FOR_OPERATOR}; please try again later`,
    };
  const whole = await readsWhole(known.events, stream);
  const answers = whole ? 'storage-inconsistent' : 'stored-event-unreadable';
  const stale = found.setAside
    ? ` The read models lack its events from the damaged one on, so what is shown here (its users, invitations, counts) may be out of date.`
    : '';
  return {
    detail:
      `This ${kind}'s stored record is damaged: every command on it answers 503 ${answers} until ` +
      `${stepStillNeeded(found, whole)}.${stale}`,
    problem: found.problem,
    foundAt: found.seenAt,
  };
}
