import { normalizeEmail, readIdentityAddress, type IdentityAddressRefusal } from '@casetrail/domain';
import { firstCompatibilityVariant } from '@casetrail/domain/accounts/unmistakable-address';

/**
 * Refusals of a token's address that a path refuses whatever the records hold: an invisible or
 * control character, or an `xn--` label that is no Punycode of anything it could name. Such a path
 * either names the real person (when the domain mapping folds it) or answers a 404 that reads as
 * "not a user" for what looks exactly like a real address, invisible character and all.
 */
const NEVER_AN_ADDRESS_IN_A_PATH = new Set<IdentityAddressRefusal['code']>([
  'email-unsafe-character',
  'email-invisible-character',
  'email-malformed-punycode',
]);

/**
 * Why an email path segment is refused, or undefined when it may name whoever the records spell
 * that way. normalizeEmail folds a domain through the UTS 46 mapping, so a look-alike spelling
 * (`xn--globex-`, fullwidth letters, `。`, a soft hyphen) would name the real person: the URL, and
 * every log of it, would show another address than the one acted on, and a rule checked on the raw
 * path could be sidestepped. Where nothing folds it (`ｇina@`, `gi\u00ADna@` in the local part, a
 * bogus `xn--glbex-abc`) it would name nobody, and a 404 would tell an admin that an address
 * looking just like a real one is "not a user". Tokens refuse such spellings by
 * readIdentityAddress, and bodies by the same look-alike rules; a path refuses them by the token's
 * check, all but the two a path must still let through to reach an address recorded before those
 * rules (recordedEmail), which read as what they are: a local part or label mixing scripts, and an
 * uncommon letter that passes for a plain one (a small capital) but that no compatibility
 * normalisation (NFKC) turns into it.
 */
export function refusedPathSpelling(value: string): string | undefined {
  const read = readIdentityAddress(value);
  if (!('refused' in read)) return undefined;
  const asWritten = value.trim().toLowerCase().normalize('NFC');
  const foldsOntoAnother = normalizeEmail(value) !== asWritten;
  const widthOrStyleVariant = firstCompatibilityVariant(asWritten) !== undefined;
  return foldsOntoAnother || widthOrStyleVariant || NEVER_AN_ADDRESS_IN_A_PATH.has(read.refused.code)
    ? read.refused.problem
    : undefined;
}
