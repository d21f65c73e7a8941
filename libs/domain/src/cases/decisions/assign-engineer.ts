import { isEngineer, sameEmail } from '../actor';
import type { AssignEngineer } from '../commands';
import type { CaseDecisionContext } from '../context';
import { CaseErrors } from '../errors';
import type { CaseEvent } from '../events';
import { givenReason } from '../../shared/optional-reason';
import type { CaseState, LiveCase } from '../state';
import { optionalReason, requireEmail } from '../text-limits';
import { eventBase, requireCaseWriter, requireLive, requireOpened } from './guards';

/**
 * Engineers assign cases (to themselves or a colleague); assigning the current assignee again is a
 * no-op. The assignee hears of everything on the case, internal notes included, so a customer is
 * never assigned: not this case's opener or a person it is shared with, nor anyone the licence and
 * account records know as a customer, nor an address nothing vouches for as staff (a typo, an
 * outsider's), nor a CSM vouched for only by other accounts, whose case this one is not to see.
 * An engineer may take a case themselves (their token proves the role, so nothing need vouch for
 * them), unless they are known as a customer by what they did as one (this case's opener, or the
 * records' `engineerCustomerRole`): the case detail would then flag them unvouched and hold its
 * mail back at once (finding F8), so they are refused as a colleague's assignment of them is. The
 * engineer may say why (a hand-over, a specialist's skills); re-assigning the assignee records
 * nothing, reason or not.
 */
export function assignEngineer(
  command: AssignEngineer,
  state: CaseState,
  context: CaseDecisionContext,
): CaseEvent[] {
  const opened = requireOpened(state, command.caseId);
  requireCaseWriter(command.actor);
  if (!isEngineer(command.actor)) throw CaseErrors.engineerOnly('assign a case');
  const engineer = requireEmail(command.engineer, 'engineer');
  const reason = optionalReason(command.reason);
  const live = requireLive(opened, command.caseId);
  if (live.assignee === engineer) return [];
  const takesItThemselves = sameEmail(command.actor.email, engineer);
  // Taking it themselves, only what they did as a customer counts (a share is a customer's record).
  const customerRole = takesItThemselves
    ? (openerOf(live, engineer) ?? context.engineerCustomerRole)
    : context.engineerKnownStaff
      ? undefined
      : (customerRoleOnCase(live, engineer) ?? context.engineerCustomerRole);
  if (customerRole) throw CaseErrors.assigneeIsCustomer(engineer, customerRole);
  if (!takesItThemselves) {
    if (context.engineerUnvouched) throw CaseErrors.assigneeUnvouched(engineer);
    if (context.engineerOnlyCsmOfOtherAccounts) throw CaseErrors.assigneeCannotSeeCase(engineer);
  }
  return [
    {
      type: 'EngineerAssigned',
      data: {
        ...eventBase(command),
        engineer,
        ...(live.assignee ? { previousEngineer: live.assignee } : {}),
        ...givenReason(reason),
      },
    },
  ];
}

function openerOf(live: LiveCase, email: string): string | undefined {
  return sameEmail(live.openedBy.email, email) ? "the case's opener" : undefined;
}

function customerRoleOnCase(live: LiveCase, email: string): string | undefined {
  if (openerOf(live, email)) return "the case's opener";
  if (live.shares.some((share) => sameEmail(share.email, email))) return 'shared with this case';
  return undefined;
}
