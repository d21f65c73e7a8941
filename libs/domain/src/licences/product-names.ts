import { requireOneLineText } from '../accounts/required-fields';
import { DomainError } from '../shared/domain-error';
import { onOneLine } from '../shared/unsafe-characters';

/**
 * Product and edition names, as every report, filter and CSV groups by them. A name typed on another
 * keyboard or OS (`ü` as one character or as `u` plus a combining diaeresis) or in another case
 * (`SITEFINITY`, `Sitefinity`) prints like the same product; stored as typed it would be two, and
 * every per-product figure would silently split. So names are stored trimmed and in Unicode's
 * composed form (NFC, as emails are), and spellings that differ only by case or form meet under one
 * key (productKey).
 */

/**
 * A licence as its customers know it, "Sitefinity CMS (Online Marketing License)" (the edition left
 * out when none was recorded), on one line whatever an old record holds: how mail and refusals name
 * it, where its id alone says nothing to a customer.
 */
export function licenceProductName({ product, edition }: { product: string; edition: string }): string {
  return onOneLine(edition ? `${product} (${edition})` : product);
}

/** A required one-line name (a product, an edition) as stored: trimmed, in composed form (NFC). */
export function requireComposedName(value: unknown, field: string): string {
  return requireOneLineText(value, field).normalize('NFC');
}

/**
 * The key under which spellings of one product meet: trimmed, lower-cased, composed. Lower-casing
 * first, then composing: lower-casing can leave a letter and a combining mark that compose.
 */
export function productKey(name: string): string {
  return name.trim().toLowerCase().normalize('NFC');
}

/**
 * A new licence's product (already composed) must be spelled as the products already licensed are.
 * A spelling that differs from a known one only by case is refused naming the known spelling(s),
 * rather than quietly replaced by it: the admin sees at once which spelling the records use (or that
 * the product they meant is another one), and the licence records what the admin confirmed.
 * `knownProducts` are the products as recorded, some perhaps before names were composed: a known
 * spelling whose composed form is the one asked for is the same spelling.
 */
export function requireKnownSpelling(product: string, knownProducts: readonly string[]): void {
  const key = productKey(product);
  const spellings = new Set(
    knownProducts.filter((known) => productKey(known) === key).map((known) => known.normalize('NFC')),
  );
  if (spellings.size === 0 || spellings.has(product)) return;
  throw productLookAlike(product, [...spellings].sort());
}

function productLookAlike(product: string, spellings: string[]): DomainError {
  const named = spellings.map((spelling) => JSON.stringify(spelling)).join(' or ');
  return new DomainError(
    'product-look-alike',
    'validation',
    `product ${JSON.stringify(product)} differs only in case from ${named}, already licensed: one product ` +
      `is spelled one way on every licence, as its cases and reports show it. Spell it ${named}`,
    'product',
  );
}
