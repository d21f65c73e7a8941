import { requireEmail as requireAccountEmail } from './email-address';
import { requireEmail as requireCaseEmail } from '../cases/text-limits';
import { DomainError } from '../shared/domain-error';

/**
 * Addresses that display as another one are refused at every entry point: accounts and licences
 * (requireEmail of accounts/email-address.ts) and cases (requireEmail of cases/text-limits.ts:
 * shares, engineers, phone openings), each with a message that names the problem and the field.
 */
const VALIDATORS = [
  ['accounts and licences', requireAccountEmail],
  ['cases', requireCaseEmail],
] as const;

function refusal(validate: (value: string, field: string) => string, email: string): DomainError {
  try {
    validate(email, 'email');
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(email)} was accepted`);
}

describe.each(VALIDATORS)('look-alike addresses (%s)', (_entryPoint, validate) => {
  // The addresses a tester licensed as individuals: each displays as support@ or team@, or as Jane's.
  it.each([
    ['sup\u200Bport@zeta.test', 'U+200B, zero-width space'],
    ['sup\u2060port@zeta.test', 'U+2060, word joiner'],
    ['support\u200D@zeta.test', 'U+200D, zero-width joiner'],
    ['supp\u00ADort@zeta.test', 'U+00AD, soft hyphen'],
    ['team\u034F@zeta.test', 'U+034F, combining grapheme joiner'],
    ['jane\u200B@acme.test', 'U+200B, zero-width space'],
    ['jane\u200A@acme.test', 'U+200A, hair space'],
    ['ja\u200Ene@acme.test', 'U+200E, left-to-right mark'],
    ['jane\uFE0F@acme.test', 'U+FE0F'],
  ])('refuses %j, naming the invisible character', (email, character) => {
    const error = refusal(validate, email);
    expect(error).toMatchObject({ code: 'email-invisible-character', kind: 'validation', field: 'email' });
    expect(error.message).toBe(
      `email contains an invisible character (${character}): the address would display as another one. ` +
        'Type the address without it',
    );
  });

  it.each([
    ['ｓｕｐｐｏｒｔ@zeta.test', 'ｓ', 'U+FF53', 's'],
    ['𝐣𝐚𝐧𝐞@acme.test', '𝐣', 'U+1D423', 'j'],
    ['oﬃce@acme.test', 'ﬃ', 'U+FB03', 'ffi'],
    ['jane@acme․test', '․', 'U+2024', '.'],
  ])('refuses %j, naming the width or style variant', (email, character, codePoint, plain) => {
    const error = refusal(validate, email);
    expect(error).toMatchObject({ code: 'email-character-variant', kind: 'validation', field: 'email' });
    expect(error.message).toContain(`"${character}" (${codePoint}), a width or style variant of "${plain}"`);
  });

  // Latin letters that pass for plain ones (Unicode's confusables, UTS #39): no script is mixed
  // and NFKC leaves them alone, so the two rules above cannot see them.
  it.each([
    ['ᴜlf@acme.test', 'contains "ᴜ" (U+1D1C), which passes for "u"'],
    ['ꜱupport@zeta.test', 'contains "ꜱ" (U+A731), which passes for "s"'],
    ['jᴀne@acme.test', 'contains "ᴀ" (U+1D00), a phonetic letter that passes for a plain one'],
    ['ɡary@acme.test', 'contains "ɡ" (U+0261), which passes for "g"'],
    ['jane\u2010doe@acme.test', 'contains "\u2010" (U+2010), which passes for "-"'],
  ])('refuses %j, naming the look-alike character', (email, problem) => {
    const error = refusal(validate, email);
    expect(error).toMatchObject({ code: 'email-character-variant', kind: 'validation', field: 'email' });
    expect(error.message).toBe(
      `email ${problem}: the address would read as one written with the plain character. Type the plain character`,
    );
  });

  it.each([
    ['ѕupport@zeta.test', 'Latin and Cyrillic', 'local part "ѕupport" ("ѕ" is Cyrillic)'],
    ['tεam@zeta.test', 'Latin and Greek', 'local part "tεam" ("ε" is Greek)'],
    ['jane@аcme.test', 'Latin and Cyrillic', 'domain label "аcme" ("а" is Cyrillic)'],
    ['ꓢupport@zeta.test', 'Latin and another script', '"ꓢ" is from another script'],
  ])('refuses %j, naming the scripts it mixes', (email, scripts, where) => {
    const error = refusal(validate, email);
    expect(error).toMatchObject({ code: 'email-mixed-scripts', kind: 'validation', field: 'email' });
    expect(error.message).toContain(`email mixes letters of ${scripts}`);
    expect(error.message).toContain(where);
    expect(error.message).toContain('An address must use the letters of one script');
  });

  it.each([
    ['plain ASCII', 'jane.doe+cases@acme.test', 'jane.doe+cases@acme.test'],
    ['Latin with an accent', 'josé@acme.test', 'josé@acme.test'],
    ['Latin with a combining accent (composed)', 'jose\u0301@acme.test', 'josé@acme.test'],
    ['German, with an umlaut domain', 'jürgen.müller@bücher.example', 'jürgen.müller@bücher.example'],
    ['all Cyrillic', 'иван@почта.рф', 'иван@почта.рф'],
    [
      'Cyrillic under a Latin top-level domain (each label in one script)',
      'иван@пример.com',
      'иван@пример.com',
    ],
    ['all Greek', 'δημήτρης@παράδειγμα.ελ', 'δημήτρης@παράδειγμα.ελ'],
    ['Japanese', '田中たろう@例え.jp', '田中たろう@例え.jp'],
    ['Thai, with SARA AM (which NFKC decomposes into Thai letters)', 'น้ำ@ตัวอย่าง.ไทย', 'น้ำ@ตัวอย่าง.ไทย'],
    ['an internationalised domain in its encoded form', 'zoë@xn--bcher-kva.example', 'zoë@bücher.example'],
    ['Turkish, with a dotless i (an everyday letter)', 'kılıç@acme.test', 'kılıç@acme.test'],
    ['Danish, with æ', 'søren.bæk@acme.test', 'søren.bæk@acme.test'],
  ])('accepts %s: %j', (_what, email, stored) => {
    expect(validate(email, 'email')).toBe(stored);
  });

  it('names the field it was given', () => {
    expect(() => validate('sup\u200Bport@zeta.test', 'holderEmail')).toThrow(
      /^holderEmail contains an invisible/,
    );
    expect(() => validate('ѕupport@zeta.test', 'onBehalfOf')).toThrow(/^onBehalfOf mixes letters/);
  });
});
