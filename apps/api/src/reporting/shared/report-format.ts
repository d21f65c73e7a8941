import Negotiator from 'negotiator';

const FORMATS = ['application/json', 'text/csv'] as const;

/**
 * Whether the client prefers CSV to JSON, by its Accept header's quality values (RFC 9110 12.5.1):
 * `text/csv;q=0.1, application/json` means JSON, `application/json;q=0.5, text/csv` CSV. JSON
 * when there is no Accept, when both are equal, or when neither is acceptable.
 */
export function prefersCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  return new Negotiator({ headers: { accept } }).mediaType([...FORMATS]) === 'text/csv';
}
