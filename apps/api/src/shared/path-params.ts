import { NotFoundException, PipeTransform } from '@nestjs/common';
import { normalizeEmail } from '@casetrail/domain';

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
const UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/**
 * An id as the server stores it. Every id the server names is a UUID, written in lower case, and
 * a UUID is the same in either case (RFC 9562 section 4): `0190A5C2-...` names the case
 * `0190a5c2-...`. Anything not shaped like a UUID is kept as given, since nothing says its case
 * does not matter.
 */
export function normaliseId(value: string): string {
  return UUID.test(value) ? value.toLowerCase() : value;
}

/** Ids in paths: anything that could not be an id of ours is simply not found. */
export class ParseIdPipe implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (!ID.test(value))
      throw new NotFoundException(`No ${this.what} ${JSON.stringify(value.slice(0, 100))}`);
    return normaliseId(value);
  }
}

/** Emails in paths are compared in the records' spelling everywhere (normalizeEmail). */
export class ParseEmailPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const email = normalizeEmail(value);
    if (email.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(email)) {
      throw new NotFoundException(`No person ${JSON.stringify(value.slice(0, 100))} here`);
    }
    return email;
  }
}

/**
 * A path parameter as the handlers use it (after ParseEmailPipe or ParseIdPipe), by the naming
 * convention of our routes: `email` is an email, every `...Id` an id, anything else as given.
 * The idempotency key is bound to these values, so two spellings of one resource are one.
 */
export function normalisePathParam(name: string, value: string): string {
  if (name === 'email') return normalizeEmail(value);
  if (name.endsWith('Id')) return normaliseId(value);
  return value;
}
