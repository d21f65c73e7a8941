import { Transform } from 'class-transformer';
import { normaliseId } from './path-params';

/**
 * An id given in a body or a query (`licenceId`, `accountId`), read as the paths read theirs: a
 * UUID in upper case names the same record as the lower-case id the API hands out (RFC 9562).
 */
export const IdField = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseId(value) : value));
