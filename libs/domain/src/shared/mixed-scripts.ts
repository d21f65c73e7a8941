/**
 * Mixed-script detection, the usual defence against look-alike identifiers (Unicode UTS #39,
 * "Highly Restrictive"): `ѕupport` starts with a Cyrillic letter and reads as `support`. A word
 * whose letters all come from one script is fine, whatever the script (`josé`, `иван`, `δημήτρης`);
 * so are the combinations a Japanese, Chinese or Korean name needs.
 *
 * Scripts are told apart by the `\p{Script=...}` property. Digits, punctuation and symbols (script
 * Common) and combining marks (Inherited, they take the script of their letter) count for none.
 */

/**
 * UTS #31's recommended scripts: those in modern everyday use. Letters of any other script count
 * as one script of their own, "another script", so mixing them with Latin is refused too.
 */
const RECOMMENDED_SCRIPTS = [
  'Latin',
  'Greek',
  'Cyrillic',
  'Armenian',
  'Hebrew',
  'Arabic',
  'Thaana',
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Oriya',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Sinhala',
  'Thai',
  'Lao',
  'Tibetan',
  'Myanmar',
  'Georgian',
  'Hangul',
  'Ethiopic',
  'Khmer',
  'Hiragana',
  'Katakana',
  'Bopomofo',
  'Han',
] as const;

/** How letters of a script not listed above are named. */
export const OTHER_SCRIPT = 'another script';

const SCRIPT_TESTS = RECOMMENDED_SCRIPTS.map((name) => ({
  name,
  test: new RegExp(`\\p{Script=${name}}`, 'u'),
}));

const NO_SCRIPT = /[\p{Script=Common}\p{Script=Inherited}]/u;

/** Script sets one writing system needs (UTS #39 section 5.2): Japanese, Chinese, Korean. */
const WRITING_SYSTEMS: readonly ReadonlySet<string>[] = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

export interface MixedScripts {
  /** The scripts found, the one with most letters first. */
  scripts: string[];
  /** The first letter of the script with fewest letters: usually the look-alike. */
  odd: { letter: string; script: string };
}

/** The scripts `text` mixes, when no single writing system needs them together; otherwise undefined. */
export function mixedScripts(text: string): MixedScripts | undefined {
  const letters = new Map<string, string[]>();
  for (const character of text) {
    const script = scriptOf(character);
    if (script) letters.set(script, [...(letters.get(script) ?? []), character]);
  }
  if (letters.size <= 1) return undefined;
  const found = new Set(letters.keys());
  if (WRITING_SYSTEMS.some((system) => [...found].every((script) => system.has(script)))) return undefined;
  // Stable sort: with equal counts, the script met first comes first.
  const scripts = [...letters.keys()].sort((a, b) => letters.get(b)!.length - letters.get(a)!.length);
  const script = scripts[scripts.length - 1];
  return { scripts, odd: { letter: letters.get(script)![0], script } };
}

/** The script a character's letter belongs to, or undefined for digits, punctuation and marks. */
function scriptOf(character: string): string | undefined {
  if (NO_SCRIPT.test(character)) return undefined;
  return SCRIPT_TESTS.find(({ test }) => test.test(character))?.name ?? OTHER_SCRIPT;
}
