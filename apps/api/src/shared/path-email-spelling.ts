import { normalizeEmail, readIdentityAddress } from '@casetrail/domain';

/**
 * Why an email path segment is refused, or undefined when it may name whoever the records spell
 * that way. normalizeEmail folds a domain through the UTS 46 mapping, so a look-alike spelling
 * (`xn--globex-`, fullwidth letters, `。`, a soft hyphen) would name the real person: the URL, and
 * every log of it, would show another address than the one acted on, and a rule checked on the raw
 * path could be sidestepped. Tokens refuse such spellings by readIdentityAddress, and bodies by the
 * same look-alike rules; a path refuses them by the token's check, but only when the spelling folds
 * onto another one: a path must still reach an address recorded before those rules (a
 * mixed-script one, say, which nothing folds), to read, unshare or remove it (recordedEmail).
 */
export function refusedPathSpelling(value: string): string | undefined {
  const read = readIdentityAddress(value);
  if (!('refused' in read)) return undefined;
  const asWritten = value.trim().toLowerCase().normalize('NFC');
  return normalizeEmail(value) === asWritten ? undefined : read.refused.problem;
}
