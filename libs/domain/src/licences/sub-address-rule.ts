import { normalizeEmail } from '../accounts/email-address';
import { DomainError } from '../shared/domain-error';
import type { IssuedLicence, LicensedUser } from './licence.state';

/**
 * The mailbox an address delivers to: the address without a `+tag` sub-address, lower-cased.
 * Google, Microsoft 365 and most mail systems deliver `mgr+alias@acme.example` to
 * `mgr@acme.example`, so both name one person.
 */
export function mailboxOf(email: string): string {
  const address = normalizeEmail(email);
  const at = address.lastIndexOf('@');
  const plus = address.indexOf('+');
  // A local part that starts with `+` has no mailbox before the tag: it is its own address.
  if (at < 0 || plus <= 0 || plus > at) return address;
  return `${address.slice(0, plus)}${address.slice(at)}`;
}

/** The user already on the licence (pending or active) whose mailbox `email` reaches by another spelling. */
export function userReachedBySubAddress(licence: IssuedLicence, email: string): LicensedUser | undefined {
  const address = normalizeEmail(email);
  const mailbox = mailboxOf(address);
  for (const user of licence.users.values()) {
    if (user.email !== address && mailboxOf(user.email) === mailbox) return user;
  }
  return undefined;
}

/**
 * The licence's holder, when `email` reaches the holder's mailbox by another spelling and the holder
 * has no user entry (a holder who has one is found among the users). The holder is a person of the
 * licence without being on its roster: `boss+x@` beside a holder `boss@` is that person again.
 */
function holderReachedBySubAddress(licence: IssuedLicence, email: string): string | undefined {
  const address = normalizeEmail(email);
  const holder = licence.holderEmail;
  if (address === holder || licence.users.has(holder)) return undefined;
  return mailboxOf(holder) === mailboxOf(address) ? holder : undefined;
}

/**
 * One person holds one user entry. Inviting a sub-address of a user already on the licence
 * (`mgr+alias@` beside `mgr@`) would give that person a second entry with other permissions: the
 * way round "a delegate may not change their own permissions" (security F2) and a second seat for
 * one person. So it is refused for every inviter, naming the user it reaches; their own entry's
 * permissions are the holder's (or an admin's) to change. The holder counts as on the licence even
 * without a user entry: a sub-address of theirs is refused too, and they are added by their own
 * address.
 */
export function requireNotSubAddressOfUser(licence: IssuedLicence, email: string): void {
  const user = userReachedBySubAddress(licence, email);
  if (user) {
    throw subAddressRefusal(
      `${email} reaches the mailbox of ${user.email}, already a user of this licence: one person holds one ` +
        `user entry; ask the licence holder or an admin to change the permissions of ${user.email} instead`,
    );
  }
  const holder = holderReachedBySubAddress(licence, email);
  if (holder) {
    throw subAddressRefusal(
      `${email} reaches the mailbox of ${holder}, the holder of this licence: one person holds one user ` +
        `entry; to give the holder a user entry, invite ${holder} itself`,
    );
  }
}

function subAddressRefusal(message: string): DomainError {
  return new DomainError('licensed-user-sub-address', 'validation', message, 'email');
}

/**
 * The licence's holder is one of its people too, so the same rule holds for a hand-over: naming
 * `ann+x@` the holder beside a user `ann@` would make one person the holder under one spelling and a
 * user under another, with two sets of powers (refused as inviting one is). The holder's own
 * sub-address is no second person: the holder passes from one spelling to the other.
 */
export function requireNewHolderNotSubAddressOfUser(licence: IssuedLicence, email: string): void {
  const user = userReachedBySubAddress(licence, email);
  if (!user) return;
  throw subAddressRefusal(
    `${email} reaches the mailbox of ${user.email}, already a user of this licence: one person is one of the ` +
      `licence's people, under one address; to make that person the holder, hand the licence to ${user.email} itself`,
  );
}
