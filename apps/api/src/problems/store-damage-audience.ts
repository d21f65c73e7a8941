import type { FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../auth/current-actor.decorator';
import { isVendorStaff } from '../auth/actor';

/**
 * Who reads a problem about damage to the store itself (events lost, or a stored event that cannot
 * be read), and what they asked for. The vendor's staff and auditors get the evidence: the stream, revisions,
 * log position and what the operator must run; they are the ones who act on it or report it. Anyone
 * else (a customer, someone a case is shared with) can do nothing about it, and should not be shown
 * store internals or be told that their record may have been edited: they get a plain answer.
 * `reading`: a GET (or HEAD) writes nothing to begin with, so its answer does not say "Nothing was
 * written", which would read as if a write had been tried.
 */
export interface StoreDamageAudience {
  staff: boolean;
  reading: boolean;
}

/** The audience the problem details' defaults were written for: staff, refused a change. */
export const STAFF_CHANGING: StoreDamageAudience = { staff: true, reading: false };

export function storeDamageAudienceOf(request: FastifyRequest): StoreDamageAudience {
  const { actor } = request as FastifyRequest & AuthenticatedRequest;
  return {
    // A customer's compliance auditor reads as the customer does: the store's evidence names the
    // desk's internals (streams, revisions, desk-wide positions, what the operator runs).
    staff: actor !== undefined && isVendorStaff(actor),
    reading: request.method === 'GET' || request.method === 'HEAD',
  };
}

/** What a customer is told of damage to their record: the operator has it (the log, /health's storage). */
export const LOGGED_FOR_OPERATOR = 'The problem has been logged for the operator to repair';

/**
 * A customer's detail for a 503 on store damage. It names neither the damage nor the record (the
 * operator reads both in the log, where every 5xx is written with its evidence), only that the
 * answer cannot be given now, that nothing was changed when a change was asked for, and that the
 * operator has it.
 */
export function customerStoreDamageDetail({ reading }: StoreDamageAudience, kind: string): string {
  const logged = `${LOGGED_FOR_OPERATOR}; please try again later`;
  return reading
    ? `This ${kind} cannot be shown right now: part of its stored record is unavailable. ${logged}`
    : `This change cannot be made right now: part of the stored record it depends on is unavailable. Nothing was written. ${logged}`;
}
