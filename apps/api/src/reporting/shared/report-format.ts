import { NotAcceptableException } from '@nestjs/common';
import Negotiator from 'negotiator';

/** The types the daily report is served as; JSON first, so it wins a tie (a wildcard covering both). */
export const REPORT_FORMATS = ['application/json', 'text/csv'] as const;

/** What the dashboard and the escalations board are served as. */
export const JSON_ONLY = ['application/json'] as const;

/**
 * Of the `offered` types, the one the client asked for by its Accept header (RFC 9110 12.5.1),
 * ranked as Negotiator ranks media ranges (the daily report's two types as the example):
 *  - the higher quality value wins: `text/csv;q=0.1, application/json` means JSON,
 *    `application/json;q=0.5, text/csv` CSV;
 *  - at equal quality, the more specific range: `text/*, application/json` means JSON;
 *  - then the one the client lists first: `text/csv, application/json` means CSV,
 *    `application/json, text/csv` JSON.
 * The first offered type when there is no Accept or when one wildcard covers several (any type, as
 * browsers' usual headers offer after the types they prefer). Undefined when none is acceptable
 * (`application/xml`, `text/csv;q=0`): the client would not read what we sent, so the caller
 * answers 406 rather than a type it did not ask for.
 */
export function negotiateFormat<Format extends string>(
  accept: string | undefined,
  offered: readonly Format[],
): Format | undefined {
  if (!accept?.trim()) return offered[0];
  const weighted = withoutMediaRangeParameters(accept);
  return new Negotiator({ headers: { accept: weighted } }).mediaType([...offered]) as Format | undefined;
}

/**
 * The format to answer in, or a 406 problem saying what `resource` is available as. Every reporting
 * read negotiates so, before any work: a client asking the dashboard for CSV must hear that there
 * is none, not get JSON it would read as a broken CSV.
 */
export function requireAcceptableFormat<Format extends string>(
  accept: string | undefined,
  offered: readonly Format[],
  resource: string,
): Format {
  const format = negotiateFormat(accept, offered);
  if (format !== undefined) return format;
  throw new NotAcceptableException(
    `${resource} is available as ${offered.join(' or ')}; ${offered.length === 1 ? 'Accept does not take it' : 'Accept takes neither'}`,
  );
}

/**
 * The Accept header with each media range's parameters dropped except its weight:
 * `text/csv; charset=utf-8;q=0.5` becomes `text/csv;q=0.5`. Negotiator only matches a range
 * with parameters to an offered type with the same parameters, so `text/csv; charset=utf-8`
 * would never match the one CSV we have (UTF-8, header row) and the client would get JSON;
 * asking for CSV in some flavour is still asking for CSV, and Content-Type says what it got.
 */
function withoutMediaRangeParameters(accept: string): string {
  return splitOutsideQuotes(accept, ',')
    .map((range) => {
      const [mediaType, ...parameters] = splitOutsideQuotes(range, ';').map((part) => part.trim());
      const weight = parameters.find((parameter) => /^q\s*=/i.test(parameter));
      return weight === undefined ? mediaType : `${mediaType};${weight}`;
    })
    .join(', ');
}

/** Splits on a separator, except inside quoted strings, where a parameter value may hold one. */
function splitOutsideQuotes(text: string, separator: ',' | ';'): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted && char === '\\') {
      current += char + (text[++index] ?? '');
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  return [...parts, current];
}
