import { firstAsciiLookAlike } from '../shared/confusables';
import { DomainError } from '../shared/domain-error';
import { mixedScripts, OTHER_SCRIPT, type MixedScripts } from '../shared/mixed-scripts';
import { codePointOf, firstInvisibleCharacter } from '../shared/unsafe-characters';

const PRINTABLE_ASCII = /^[ -~]*$/;
const VISIBLE_ASCII = /^[!-~]+$/;

/**
 * Refuses an address (already normalized, see normalizeEmail) that can pass for another one, so
 * nobody adds `sup\u200Bport@` as a licensed user, or a second "jane@acme.example" to a case team:
 * - invisible characters (zero-width spaces and joiners, soft hyphens, odd spaces...): the address
 *   displays as another one;
 * - width and style variants of plain characters (`ｓｕｐｐｏｒｔ`, `𝐣𝐚𝐧𝐞`), which Unicode's
 *   compatibility normalization (NFKC) folds to ASCII: they read as the plain address and are
 *   another mailbox;
 * - characters that Unicode's confusables data (UTS #39) says pass for plain ASCII and that no
 *   everyday alphabet uses: small capitals (`ᴜlf` reads as `ulf`, `ꜱupport` as `support`),
 *   phonetic letters (`ɡ`), look-alike punctuation (`‐`). Being Latin, they mix no scripts, and
 *   NFKC leaves them alone. Everyday letters that pass for ASCII (the Turkish `ı`) stay allowed:
 *   names are written with them; the group-mailbox rule reads them as the ASCII they pass for;
 * - a local part, or a domain label, mixing scripts (`ѕupport` with a Cyrillic "ѕ").
 * Internationalised addresses in one script (`josé@`, `иван@почта.рф`) are untouched. Every entry
 * point that takes a new address for a person (licences, case teams, CSMs, shares, engineers)
 * validates through requireEmail, which calls this, so they all apply the same rule.
 */
export function requireUnmistakableAddress(email: string, field: string): void {
  const lookAlike = lookAlikeIn(email);
  if (lookAlike) {
    throw new DomainError(
      lookAlike.code,
      'validation',
      `${field} ${lookAlike.problem}. ${lookAlike.advice}`,
      field,
    );
  }
}

/** Why an address can pass for another: `problem` reads after the address's name, `advice` says what to type. */
export interface LookAlike {
  code: 'email-invisible-character' | 'email-character-variant' | 'email-mixed-scripts';
  problem: string;
  advice: string;
}

/**
 * What makes an address (already normalized, see normalizeEmail) pass for another one, or
 * undefined: the rule of requireUnmistakableAddress, for callers that answer otherwise than with a
 * 422 (a token naming its bearer by such an address is refused with 401).
 */
export function lookAlikeIn(email: string): LookAlike | undefined {
  // Most addresses are printable ASCII: nothing invisible, no variant, one script (and it is called often).
  if (PRINTABLE_ASCII.test(email)) return undefined;
  const invisible = firstInvisibleCharacter(email);
  if (invisible) {
    return {
      code: 'email-invisible-character',
      problem: `contains an invisible character (${invisible}): the address would display as another one`,
      advice: 'Type the address without it',
    };
  }
  const variant = firstCompatibilityVariant(email);
  if (variant) {
    return {
      code: 'email-character-variant',
      problem:
        `contains "${variant.character}" (${variant.codePoint}), a width or style variant of ` +
        `"${variant.plain}": the address would read as one written with the plain character`,
      advice: 'Type the plain character',
    };
  }
  const confusable = firstAsciiLookAlike(email);
  if (confusable) {
    return {
      code: 'email-character-variant',
      problem:
        `contains "${confusable.character}" (${confusable.codePoint}), ` +
        (confusable.plain === undefined
          ? 'a phonetic letter that passes for a plain one'
          : `which passes for "${confusable.plain}"`) +
        ': the address would read as one written with the plain character',
      advice: 'Type the plain character',
    };
  }
  for (const [where, text] of addressParts(email)) {
    const mixed = mixedScripts(text);
    if (mixed) return mixedScriptsLookAlike(where, text, mixed);
  }
  return undefined;
}

/** The local part and each domain label: a domain's labels may each have their own script (`пример.com`). */
function addressParts(email: string): [string, string][] {
  const at = email.lastIndexOf('@');
  if (at < 0) return [['local part', email]];
  const labels = email.slice(at + 1).split('.');
  return [
    ['local part', email.slice(0, at)],
    ...labels.map((label): [string, string] => ['domain label', label]),
  ];
}

function mixedScriptsLookAlike(where: string, text: string, mixed: MixedScripts): LookAlike {
  const scripts = mixed.scripts;
  const named = `${scripts.slice(0, -1).join(', ')} and ${scripts[scripts.length - 1]}`;
  const oddScript = mixed.odd.script === OTHER_SCRIPT ? `from ${OTHER_SCRIPT}` : mixed.odd.script;
  return {
    code: 'email-mixed-scripts',
    problem:
      `mixes letters of ${named} in its ${where} "${text}" ("${mixed.odd.letter}" is ${oddScript}), ` +
      'which makes it look like another address',
    advice: 'An address must use the letters of one script',
  };
}

/**
 * The first character NFKC folds into plain ASCII (fullwidth `ｓ`, mathematical `𝐣`, ligature `ﬃ`,
 * superscript `²`, one-dot leader `․`): a look-alike of the characters most addresses are made of.
 * Characters NFKC folds into other letters stay: Thai SARA AM (`ำ`), in everyday Thai words, is
 * one, and halfwidth katakana are still katakana.
 */
export function firstCompatibilityVariant(
  email: string,
): { character: string; codePoint: string; plain: string } | undefined {
  for (const character of email) {
    const plain = character.normalize('NFKC');
    if (plain !== character && VISIBLE_ASCII.test(plain)) {
      const codePoint = codePointOf(character);
      return { character, codePoint, plain };
    }
  }
  return undefined;
}
