import type { TemplateResult } from 'lit-html';

/**
 * For specs that mock lit-html (its Node build is an ES module Jest cannot load; the mock's `html`
 * records strings and values, `nothing` is a symbol): a template as the markup lit-html would
 * render, without a DOM. Attribute bindings come out as their values. Symbols (`nothing`) render
 * as nothing.
 */
export function markup(value: unknown): string {
  if (Array.isArray(value)) return value.map(markup).join('');
  if (value === undefined || value === null || typeof value === 'symbol') return '';
  if (typeof value === 'object' && 'strings' in value && 'values' in value) {
    const { strings, values } = value as TemplateResult;
    return strings.reduce(
      (out, part, index) => out + part + (index < values.length ? markup(values[index]) : ''),
      '',
    );
  }
  return String(value);
}

/** The words of some markup, as a reader sees them (tags dropped, spaces collapsed). */
export const text = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
