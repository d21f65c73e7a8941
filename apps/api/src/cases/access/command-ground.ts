import { Actor } from '../../auth/actor';
import { ActorReach } from './actor-reach';
import { CaseVisibilityFacts, seesEveryCase } from './case-visibility';

/**
 * Why an actor may command a case, as the decision must find it again (ExecuteCaseCommand).
 *
 * The access check reads the read models, and a removal (an unshare, a case-team member or a
 * licensed user removed, a permission revoked) may be stored between that check and the decision.
 * A `revocable` ground says which records to look at again when the command is decided; a `lasting`
 * one needs no second look, so staff and openers pay nothing for it.
 */
export type CommandGround = LastingGround | RevocableGround;

/**
 * The opener (a case's opener never changes) and staff: engineers, auditors and admins, whose rights
 * come with the token (a customer's compliance auditor's accounts too), and the account's CSM. A CSM's designation lives in the account's stream, but
 * a CSM is vendor staff, not a customer whose access is withdrawn: like all staff commands, theirs
 * cost no second read.
 */
export interface LastingGround {
  kind: 'lasting';
}

/** Each field is one way in; the command goes ahead if any of them still holds when it is decided. */
export interface RevocableGround {
  kind: 'revocable';
  /** The case is shared with them: kept in the case's own stream. */
  sharedWith: boolean;
  /** They are on the case team of the case's account: kept in the account's stream. */
  onCaseTeam: boolean;
  /**
   * The licences of the case's account on which they may see shared tickets (the opener holding
   * share-tickets): kept in those licences' streams, and the opener's permission in the case's.
   */
  seeSharedOn: readonly string[];
}

export const LASTING_GROUND: LastingGround = { kind: 'lasting' };

export function revocableGround(ways: Partial<Omit<RevocableGround, 'kind'>>): RevocableGround {
  return { kind: 'revocable', sharedWith: false, onCaseTeam: false, seeSharedOn: [], ...ways };
}

/**
 * The ground the actor holds on the case, or undefined when they may not see it. DOMAIN.md "Who may see a case"
 * (the one place that rule is written), told apart by where each way in is kept.
 */
export function commandGroundOf(
  actor: Actor,
  reach: ActorReach,
  facts: CaseVisibilityFacts,
): CommandGround | undefined {
  if (seesEveryCase(actor)) return LASTING_GROUND;
  // A customer's compliance auditor: exactly the accounts their token names (read-only, as every auditor).
  if (actor.auditedAccounts)
    return actor.auditedAccounts.includes(facts.accountId) ? LASTING_GROUND : undefined;
  if (reach.csmAccounts.includes(facts.accountId) || facts.openedBy === actor.email) return LASTING_GROUND;
  const ground = revocableGround({
    sharedWith: facts.sharedWith.includes(actor.email),
    onCaseTeam: reach.teamAccounts.includes(facts.accountId),
    // DOMAIN.md: "Cases opened by a user with share tickets are visible to licensed users of the
    // same account who have see shared tickets": the viewer's licence must be in force (reachOf),
    // the case's need not. Its expiry leaves the opener, the case team and sharees the case, and it
    // leaves colleagues it too: they follow the cases opened under the account's licences, also
    // while (or after) one is renewed under another.
    seeSharedOn: facts.openerShareTickets
      ? reach.seeSharedLicences
          .filter((licence) => licence.accountId === facts.accountId)
          .map((licence) => licence.licenceId)
      : [],
  });
  return ground.sharedWith || ground.onCaseTeam || ground.seeSharedOn.length > 0 ? ground : undefined;
}

/**
 * The actor as they stand on a case of `accountId`. Staff powers on a case come from the role and
 * the account together (staffOnAccount): engineers, admins and vendor auditors see every case, a
 * customer's compliance auditor reads their accounts', and a CSM is staff on the accounts they are
 * CSM of. A CSM let in any other way (a customer shared the case with them, they are on its
 * account's case team, they opened it as a licensed user of that account, a token with the `csm`
 * role for a sharee's or an opener's address) is there as that sharee, member or opener is: they
 * see, comment and hear, and read no internal notes, write none and handle no escalation. Their
 * roles are set aside for this case, so every rule after visibility (the decider, allowedActions,
 * the history's redaction) judges them as the customer side of the desk.
 */
export function actorOnCase(actor: Actor, reach: ActorReach | undefined, accountId: string): Actor {
  return actor.roles.length > 0 && !staffOnAccount(actor, reach, accountId) ? { ...actor, roles: [] } : actor;
}

/**
 * Whether the actor's staff role holds on the cases of `accountId` (see actorOnCase); `reach` may be
 * left out for those who see every case. The opener's lasting ground is no such thing: an opener
 * whose token carries the `csm` role is a CSM of other accounts, not of this one.
 */
export function staffOnAccount(actor: Actor, reach: ActorReach | undefined, accountId: string): boolean {
  if (seesEveryCase(actor)) return true;
  if (actor.auditedAccounts) return actor.auditedAccounts.includes(accountId);
  return reach?.csmAccounts.includes(accountId) ?? false;
}

/**
 * Let in only because this one case is shared with them: such a person (often outside the
 * customer's company) does not get the account's case team, their emails and notification choices.
 */
export function isShareOnly(ground: CommandGround): boolean {
  return ground.kind === 'revocable' && !ground.onCaseTeam && ground.seeSharedOn.length === 0;
}
