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
 * One person holds one user entry. Inviting a sub-address of a user already on the licence
 * (`mgr+alias@` beside `mgr@`) would give that person a second entry with other permissions: the
 * way round "a delegate may not change their own permissions" (security F2) and a second seat for
 * one person. So it is refused for every inviter, naming the user it reaches; their own entry's
 * permissions are the holder's (or an admin's) to change.
 */
export function requireNotSubAddressOfUser(licence: IssuedLicence, email: string): void {
  const user = userReachedBySubAddress(licence, email);
  if (!user) return;
  throw new DomainError(
    'licensed-user-sub-address',
    'validation',
    `${email} reaches the mailbox of ${user.email}, already a user of this licence: one person holds one ` +
      `user entry; ask the licence holder or an admin to change the permissions of ${user.email} instead`,
    'email',
  );
}
