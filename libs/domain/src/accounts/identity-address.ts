import { domainToASCII, domainToUnicode } from 'node:url';
import { codePointOf, firstUnsafeCharacter } from '../shared/unsafe-characters';
import { normalizeEmail } from './email-address';
import { lookAlikeIn } from './unmistakable-address';

const PLAIN_ASCII = /^[ -~]*$/;
const ENCODED_LABEL = 'xn--';

/** Why an address cannot name a person: `problem` reads after the address ("… contains …"). */
export interface IdentityAddressRefusal {
  code:
    | 'email-unsafe-character'
    | 'email-invisible-character'
    | 'email-character-variant'
    | 'email-mixed-scripts'
    | 'email-malformed-punycode';
  problem: string;
}

export type IdentityAddress = { email: string } | { refused: IdentityAddressRefusal };

/**
 * The person an address asserted by someone else names (a token's email claim), in the records'
 * spelling (normalizeEmail), or why it names nobody. normalizeEmail folds many spellings onto one
 * address: that is right for the forms of one address (lower case, a composed `ë`, a valid
 * `xn--bcher-kva` for `bücher`), and wrong for look-alikes, which the domain's UTS 46 mapping would
 * quietly fold onto the real person: `jane@ａｃｍｅ.example` (fullwidth), `jane@acme。example`
 * (ideographic full stop), `ac\u00ADme` (soft hyphen), `xn--acme-` (Punycode that decodes to the
 * plain `acme`). So the address is checked as written, before that mapping, by the rule every entry
 * point applies to a new person's address (lookAlikeIn), and after it, since a valid encoded label
 * can hide a mixed-script one (`xn--cme-5cd` is a Cyrillic `а` and `cme`). The only change the
 * domain may undergo is decoding encoded labels that encode back to themselves.
 */
export function readIdentityAddress(claimed: string): IdentityAddress {
  const written = claimed.trim().toLowerCase();
  // Printable ASCII without encoded labels: lower-casing is the only fold (see normalizeEmail).
  if (PLAIN_ASCII.test(written) && !written.includes(ENCODED_LABEL)) return { email: written };
  const unsafe = firstUnsafeCharacter(written);
  if (unsafe) {
    return {
      refused: {
        code: 'email-unsafe-character',
        problem: `contains a control or text-direction override character (${unsafe})`,
      },
    };
  }
  const composed = written.normalize('NFC');
  const asWritten = lookAlikeIn(composed);
  if (asWritten) return { refused: { code: asWritten.code, problem: asWritten.problem } };
  const at = composed.lastIndexOf('@');
  const email = normalizeEmail(composed);
  if (at >= 0) {
    const refusal = domainRefusal(composed.slice(at + 1), email.slice(email.lastIndexOf('@') + 1));
    if (refusal) return { refused: refusal };
  }
  const asRead = lookAlikeIn(email);
  return asRead ? { refused: { code: asRead.code, problem: asRead.problem } } : { email };
}

/**
 * Why the domain as written does not read as `read` (normalizeEmail's domain) by decoding its
 * encoded labels alone: a malformed encoded label, or a character the mapping turns into another.
 */
function domainRefusal(written: string, read: string): IdentityAddressRefusal | undefined {
  const labels = written.split('.');
  for (const label of labels) {
    if (!label.startsWith(ENCODED_LABEL)) continue;
    const decoded = domainToUnicode(label);
    // A valid A-label stands for letters beyond ASCII and encodes back to itself: `xn--acme-`
    // decodes to `acme`, which is written `acme`, so it passes for an address it is not.
    if (decoded === '' || domainToASCII(decoded) !== label) {
      const readAs =
        decoded === '' ? 'nothing' : `"${decoded}", which is written "${domainToASCII(decoded)}"`;
      return {
        code: 'email-malformed-punycode',
        problem: `has a malformed Punycode domain label "${label}": it decodes to ${readAs}, so the address would pass for another one`,
      };
    }
  }
  const decoded = labels.map((label) => (label.startsWith(ENCODED_LABEL) ? domainToUnicode(label) : label));
  if (decoded.join('.') === read) return undefined;
  const mapped = firstMappedCharacter(written);
  return {
    code: 'email-character-variant',
    problem: mapped
      ? `contains "${mapped.character}" (${mapped.codePoint}), which a domain name reads as "${mapped.plain}": ` +
        'the address would read as one written with the plain character'
      : `has the domain "${written}", which reads as "${read}": the address would pass for another one`,
  };
}

/** The first character of a domain that UTS 46 maps to another (`。` to `.`), if one alone is. */
function firstMappedCharacter(
  domain: string,
): { character: string; codePoint: string; plain: string } | undefined {
  for (const character of domain) {
    const read = domainToUnicode(`a${character}a`);
    if (read !== '' && read !== `a${character}a`) {
      const codePoint = codePointOf(character);
      return { character, codePoint, plain: read.slice(1, -1) };
    }
  }
  return undefined;
}
