import {
  AccountState,
  CaseState,
  LicenceState,
  findCaseTeamMember,
  licensedUserWhoMayLogCases,
} from '@casetrail/domain';
import type { CommandGround } from '../access/command-ground';
import { LicenceFacts, openerSharesTickets } from './licence-and-account-folds';

/** Where the records behind a ground are read from when the command is decided: their streams. */
export interface GroundRecords {
  account(accountId: string): Promise<AccountState>;
  licence(licenceId: string): Promise<LicenceState>;
  /** The licence with who was removed from it, for the case's licence (see openerSharesTickets). */
  licenceFacts(licenceId: string): Promise<LicenceFacts>;
}

/** The command being decided, as far as its ground is concerned. */
export interface GroundedCommand {
  /** The actor's email. */
  email: string;
  /** When the command is made: a licence that expired since the access check no longer counts. */
  at: string;
}

/**
 * Whether the ground the actor was let in on (CaseAccess, from read models, which may lag) still
 * holds in the records themselves: the case's own state for a share, the account's stream for the
 * case team, the licences' streams for see-shared-tickets and the opener's share-tickets. Any one
 * way in that still holds is enough; a lasting ground (staff, opener) is not looked at again.
 *
 * The guarantee, for ExecuteCaseCommand, which calls this last before deciding: nothing but the
 * append follows these reads, and a decision retried after a lost race for the case's stream reads
 * them again. So a removal stored before the decision is made refuses the command (404, like an
 * unshare), whatever the read models say. None of the removed person's commands is stored after the
 * removal except one whose decision read these records before the removal was stored: in one
 * process on the embedded store (reads are synchronous, and an append joins the group commit still
 * open) such a command is stored in the same transaction as the removal at the latest, never in a
 * later one. With another process writing, or on EventStoreDB, a command decided a moment before
 * the removal may land a moment after it: the two requests overlapped, and the command counts as
 * the earlier. Closing even that gap would take an append conditional on another stream's revision,
 * which the event-store port does not offer (an EventStoreDB append checks only the revision of the
 * stream it appends to).
 *
 * Cheapest first: a share needs no read; the case team one account stream; see-shared-tickets the
 * case's licence stream and those of the actor's licences. Each is folded incrementally.
 */
export async function groundStillHeld(
  ground: CommandGround,
  command: GroundedCommand,
  state: CaseState,
  records: GroundRecords,
): Promise<boolean> {
  if (ground.kind === 'lasting') return true;
  if (state.status === 'none') return false;
  if (ground.sharedWith && state.shares.some((share) => share.email === command.email)) return true;
  if (ground.onCaseTeam && findCaseTeamMember(await records.account(state.accountId), command.email))
    return true;
  if (ground.seeSharedOn.length === 0) return false;
  // Colleagues see the case only while its opener may share tickets (on the case's own licence,
  // expired or not: see commandGroundOf), or held them when removed from it.
  const caseLicenceFacts = await records.licenceFacts(state.licenceId);
  const caseLicence = caseLicenceFacts.licence;
  if (!openerSharesTickets(caseLicenceFacts, state.openedBy.email)) return false;
  for (const licenceId of ground.seeSharedOn) {
    const licence = licenceId === state.licenceId ? caseLicence : await records.licence(licenceId);
    const user = licensedUserWhoMayLogCases(licence, command.email, command.at);
    if (
      licence.status === 'issued' &&
      licence.accountId === state.accountId &&
      user?.permissions.seeSharedTickets
    )
      return true;
  }
  return false;
}
