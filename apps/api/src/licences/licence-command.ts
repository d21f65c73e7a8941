import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  type ActorIdentity,
  LicenceCommand,
  LicenceDecisionContext,
  LicenceErrors,
  LicenceEvent,
  LicenceState,
  SupportPolicy,
  accountDecider,
  actorHasRole,
  fold,
  isStrangerToLicence,
  licenceDecider,
  requireLicenceCommandAuthorized,
  requireMayActOnLicence,
  requireRegisteredAccount,
} from '@casetrail/domain';
import type { EventStore } from '@casetrail/eventstore';
import type { ReadModelStore } from '@casetrail/readmodels';
import { accountStream } from '../accounts/account-command';
import { isStrangerToAccount, refuseStrangerToAccount } from '../accounts/account-strangers';
import { CustomerDirectory } from '../accounts/customer-directory';
import { CommandMeta } from '../commands/command-meta';
import { LicensedProducts } from '../reporting/access/licensed-products';
import { LicenceDirectory } from './licence-directory';
import { DecisionResult, DecisionRunner } from '../commands/decision-runner';
import { givenReasonOf } from '../commands/given-reason';
import { SUPPORT_POLICY } from '../runtime/runtime';
import { EVENT_STORE, READ_MODEL_STORE } from '../storage/storage.tokens';

export const licenceStream = (licenceId: string) => `licence-${licenceId}`;

/** A licence-stream command (issue, change of terms, licensed users) on its way to the decider. */
export class ExecuteLicenceCommand extends Command<DecisionResult<LicenceState>> {
  constructor(
    readonly licenceId: string,
    readonly command: LicenceCommand,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(ExecuteLicenceCommand)
export class ExecuteLicenceCommandHandler implements ICommandHandler<ExecuteLicenceCommand> {
  constructor(
    @Inject(DecisionRunner) private readonly runner: DecisionRunner,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(SUPPORT_POLICY) private readonly policy: SupportPolicy,
    @Inject(LicensedProducts) private readonly products: LicensedProducts,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(LicenceDirectory) private readonly directory: LicenceDirectory,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
  ) {}

  async execute({ licenceId, command, meta }: ExecuteLicenceCommand): Promise<DecisionResult<LicenceState>> {
    if (command.type === 'IssueLicence') await this.requireAccount(command.data.accountId, command.actor);
    return this.runner.run<LicenceState, LicenceEvent>({
      ...meta,
      // The why of any licence change, when given (terms, users), as case commands' is.
      reason: meta.reason ?? givenReasonOf(command.data),
      stream: licenceStream(licenceId),
      evolve: licenceDecider.evolve,
      initialState: licenceDecider.initialState,
      // Before a stale If-Match is answered: every refusal of the caller the decision gives, a
      // delegate's limits included (requireLicenceCommandAuthorized), not a 412 ending in it.
      authorize: async (state) => {
        await this.refuseCsmStranger(licenceId, command, state);
        requireLicenceCommandAuthorized(command, state, await this.contextFor(licenceId, command, state));
      },
      decide: async (state) => {
        await this.refuseCsmStranger(licenceId, command, state);
        return licenceDecider.decide(command, state, await this.contextFor(licenceId, command, state));
      },
    });
  }

  /**
   * A CSM who is a stranger to the licence's account (not designated to it, no customer tie to it)
   * is answered as for a licence nobody issued, as its reads answer them (isStrangerToLicenceView),
   * before any refusal could tell them it exists. Engineers, auditors and admins keep their 403.
   * An id nobody issued is asked about as a licence of an account nobody registered (named by the
   * id itself), then refused as the decider refuses it, before the decision's context is looked up:
   * its 404 comes after the same reads as a hidden licence's, so its time tells the CSM nothing.
   */
  private async refuseCsmStranger(
    licenceId: string,
    command: LicenceCommand,
    state: LicenceState,
  ): Promise<void> {
    const { actor } = command;
    if (command.type === 'IssueLicence' || !actorHasRole(actor, 'csm')) return;
    const accountId = state.status === 'issued' ? state.accountId : licenceId;
    const stranger = await isStrangerToAccount(this.readModels, actor, accountId);
    if (state.status !== 'issued') requireMayActOnLicence(command, state);
    if (stranger) throw LicenceErrors.notFound();
  }

  /** What the decision reads besides the licence's stream (looked up again on every try). */
  private async contextFor(
    licenceId: string,
    command: LicenceCommand,
    state: LicenceState,
  ): Promise<LicenceDecisionContext> {
    return {
      groupMailboxPatterns: this.policy.licensing.groupMailboxPatterns,
      // What an invitation (and its resend) promises, recorded with it for its mail.
      pendingInvitationFollowUpHours: this.policy.licensing.pendingInvitationFollowUpHours,
      emailDomainRules: this.policy.licensing,
      actorSeesAccountLicences: await this.seesAccountLicences(licenceId, command, state),
      // A new licence's product is spelled as the licensed ones are (requireKnownSpelling).
      ...(command.type === 'IssueLicence' ? { knownProducts: await this.products.knownProducts() } : {}),
      // A holder and a user are customers: an address the records know as staff only is refused.
      ...(command.type === 'IssueLicence'
        ? { holderKnownStaff: await this.customers.isKnownStaff(command.data.holderEmail) }
        : {}),
      ...(command.type === 'ChangeLicenceHolder'
        ? { holderKnownStaff: await this.customers.isKnownStaff(command.data.email) }
        : {}),
      ...(command.type === 'AssignLicensedUser'
        ? { userKnownStaff: await this.customers.isKnownStaff(command.data.email) }
        : {}),
    };
  }

  /**
   * Looked up only for a customer who is no party to the licence (the only one it changes an answer
   * for): whether the account view shows them the licence, so they are told why they may not act.
   * A customer (every one a stranger to it) naming an id nobody issued is looked up too, against an
   * account nobody registered (named by the id itself), and refused by the decider all the same: the
   * 404 comes after the same reads as a hidden licence's (as the licence reads do: LicenceQueries).
   */
  private async seesAccountLicences(
    licenceId: string,
    command: LicenceCommand,
    state: LicenceState,
  ): Promise<boolean> {
    const { actor, at } = command;
    if (state.status !== 'issued') {
      if (command.type !== 'IssueLicence' && actor.roles.length === 0)
        await this.directory.seesLicencesOfAccount(licenceId, actor.email, at);
      return false;
    }
    if (!isStrangerToLicence(state, actor)) return false;
    return this.directory.seesLicencesOfAccount(state.accountId, actor.email, at);
  }

  /** A licence belongs to a registered account; accounts are never deleted, so checking once is enough. */
  private async requireAccount(accountId: string, actor: ActorIdentity): Promise<void> {
    const history = await this.events.readStream(accountStream(accountId));
    const account = fold(
      accountDecider,
      history.map(({ type, data }) => ({ type, data }) as never),
    );
    // A stranger to the account learns no more from issuing on it than from an unregistered id: an
    // unregistered one is asked about too (and refused next), so both answers cost the same reads.
    await refuseStrangerToAccount(this.readModels, actor, accountId, account);
    requireRegisteredAccount(account);
  }
}
