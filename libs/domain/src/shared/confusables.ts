import unhomoglyph from 'unhomoglyph';
import { codePointOf } from './unsafe-characters';

/**
 * Characters that look like others, by Unicode's own data: UTS #39's confusables (confusables.txt,
 * as packaged by `unhomoglyph`) map each character that can be mistaken for another to the
 * prototype it is mistaken for (`ᴜ` small capital U to `u`, `ı` dotless i to `i`, `ꜱ` to `s`).
 * A hand-written table would miss whole blocks, as it missed the small capitals.
 */

const PRINTABLE_ASCII = /^[ -~]*$/;
const VISIBLE_ASCII = /^[!-~]+$/;
const LATIN_OR_COMMON = /^[\p{Script=Latin}\p{Script=Common}]$/u;

/**
 * UTS #39's skeleton: two strings that look alike have the same skeleton (`ᴜlf` and `ulf` are both
 * `ulf`). Only for comparing: a skeleton is no spelling (the skeleton of `m` is `rn`).
 */
export function skeleton(text: string): string {
  return unhomoglyph(text.normalize('NFD')).normalize('NFD');
}

/** The plain ASCII that a character outside ASCII is mistaken for (`ᴜ` is `u`), if any. */
export function asciiLookAlikeOf(character: string): string | undefined {
  if (PRINTABLE_ASCII.test(character)) return undefined;
  const prototype = skeleton(character);
  return VISIBLE_ASCII.test(prototype) ? prototype : undefined;
}

/**
 * Text as someone reading Latin letters sees it: each Latin or script-neutral character that
 * passes for plain ASCII is replaced by it (`ınfo` is `info`, `ꜱupport` is `support`). Letters of
 * other scripts stay (`поддержка` is a Russian word, not a string of Latin look-alikes), as do
 * accented letters, which read as themselves (`é`).
 */
export function readAsPlainLatin(text: string): string {
  let read = '';
  for (const character of text) {
    const plain = LATIN_OR_COMMON.test(character) ? asciiLookAlikeOf(character) : undefined;
    read += plain ?? character;
  }
  return read;
}

/**
 * Letters of the Latin alphabets in everyday use: Latin-1 Supplement to Latin Extended-B and Latin
 * Extended Additional. Some of them pass for plain letters (the Turkish `ı`, the Danish `æ`), but
 * people's names are written with them, so they are judged by their use (a group mailbox reads
 * `ınfo` as `info`), not refused outright. The click letters U+01C0-U+01C3 (`ǀ` reads as `l`) are
 * technical (UTS #39 identifier type), not everyday.
 */
const EVERYDAY_LATIN = /^[\u00C0-\u01BF\u01C4-\u024F\u1E00-\u1EFF]$/u;

/**
 * Phonetic letters no everyday alphabet uses and that read as plain letters at text size, though
 * the confusables data maps only some of them (`ᴜ` to `u`, but not `ᴀ` to `a`): the Phonetic
 * Extensions blocks (U+1D00-U+1DBF: the small capitals `ᴀ`-`ᴢ`, turned and superscript-like
 * letters) and the other letters Unicode names LATIN LETTER SMALL CAPITAL (`ɢ ɪ ɴ ɶ ʀ ʁ ʏ ʙ ʛ ʜ ʟ ꜰ
 * ꜱ ꞯ`). UTS #39 restricts all of them in identifiers as technical.
 */
const PHONETIC_LETTER =
  /^[\u1D00-\u1DBF\u0262\u026A\u0274\u0276\u0280\u0281\u028F\u0299\u029B\u029C\u029F\uA730\uA731\uA7AF]$/u;

/** A character that passes for plain text: what it reads as, where Unicode's data says so. */
export interface AsciiLookAlike {
  character: string;
  codePoint: string;
  /** The plain ASCII it is mistaken for; absent for a phonetic letter the confusables data does not map. */
  plain?: string;
}

/**
 * The first character of `text` that passes for plain ASCII and has no everyday use in a name:
 * small capitals (`ᴜ`, `ꜱ`, `ᴀ`), other phonetic letters (`ɡ`), look-alikes of punctuation (`‐`
 * hyphen, `’`), each of which UTS #39 restricts in identifiers.
 */
export function firstAsciiLookAlike(text: string): AsciiLookAlike | undefined {
  for (const character of text) {
    if (!LATIN_OR_COMMON.test(character) || EVERYDAY_LATIN.test(character)) continue;
    const plain = asciiLookAlikeOf(character);
    if (plain !== undefined || PHONETIC_LETTER.test(character)) {
      return { character, codePoint: codePointOf(character), ...(plain === undefined ? {} : { plain }) };
    }
  }
  return undefined;
}
