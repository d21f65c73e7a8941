import { sameEmail } from '../accounts/email-address';

/**
 * The licence's holder as a customer is told to ask them (to renew it, to give them a seat): named
 * where known and someone else than the one told, else "the licence's holder". The licence mails and
 * the API's refusals say it alike, so a user hears the same name from both. Addresses are compared
 * as the desk compares them (case, spelling), so a holder whose token spells hers in capitals is not
 * told to ask herself.
 */
export function licenceHolderToAsk(holderEmail: string | null | undefined, told: string): string {
  return holderEmail && !sameEmail(holderEmail, told)
    ? `the licence's holder (${holderEmail})`
    : "the licence's holder";
}

/**
 * Whom a customer asks to have a licence renewed: its holder (named) or their account manager; the
 * account manager alone for the holder themselves, or where the holder is not known.
 */
export function askForRenewal(holderEmail: string | null | undefined, told: string | undefined): string {
  return holderEmail && told !== undefined && !sameEmail(holderEmail, told)
    ? `ask ${licenceHolderToAsk(holderEmail, told)} or your account manager`
    : 'ask your account manager';
}
