import { ArgumentMetadata, NotFoundException, PipeTransform } from '@nestjs/common';
import { normalizeEmail } from '@casetrail/domain';
import { ValidationProblemException } from '../problems/validation-problem.exception';
import { refusedPathSpelling } from './path-email-spelling';

/**
 * The shape of every account, licence and case id: the server names them all itself, as UUIDs
 * (`newId`, `uuidFromHash` for an Idempotency-Key, the demo data's seeded UUIDs), and no route
 * takes an id chosen by a client.
 */
export const UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/**
 * An id as the server stores it. Every id the server names is a UUID, written in lower case, and
 * a UUID is the same in either case (RFC 9562 section 4): `0190A5C2-...` names the case
 * `0190a5c2-...`. Anything not shaped like a UUID is kept as given, since nothing says its case
 * does not matter.
 */
export function normaliseId(value: string): string {
  return UUID.test(value) ? value.toLowerCase() : value;
}

/**
 * Ids in paths. One that is not a UUID cannot name anything of ours: the caller mistyped it, so it
 * is a 400 naming the parameter (`caseId`), as a malformed query parameter is, not a 404 that
 * reads as "no such record". Only the shape decides, never what is stored, so the answer tells no
 * caller which records exist; a well-formed id still meets each route's own access checks.
 */
export class ParseIdPipe implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string, metadata?: ArgumentMetadata): string {
    if (!UUID.test(value)) {
      const field = metadata?.data ?? `${this.what}Id`;
      const article = /^[aeiou]/.test(this.what) ? 'an' : 'a';
      throw new ValidationProblemException([
        { field, message: `${field} must be ${article} ${this.what} id (a UUID)` },
      ]);
    }
    return normaliseId(value);
  }
}

/**
 * A number in a path (an escalation level, a case revision): up to nine digits, leading zeros
 * allowed (`07` is 7), as the routes took them before. Anything else (`-1`, `x`, `1.0`, twenty
 * digits) is a 400 naming the parameter, as a malformed id is, not a route-level 404 that reads as
 * "no such endpoint". `meaning` says what the number names, for the message. The handler declares
 * the parameter a string and converts it: declared a number, the global ValidationPipe would turn
 * `1.0` into 1 before this pipe saw it.
 */
export class WholeNumberParamPipe implements PipeTransform<string, string> {
  constructor(private readonly meaning: string) {}

  transform(value: string, metadata?: ArgumentMetadata): string {
    if (!/^\d{1,9}$/.test(value)) {
      const field = metadata?.data ?? 'number';
      throw new ValidationProblemException([
        { field, message: `${field} must be ${this.meaning} (a whole number of at most 9 digits)` },
      ]);
    }
    return value;
  }
}

/**
 * Emails in paths are compared in the records' spelling everywhere (normalizeEmail). A look-alike
 * spelling (refusedPathSpelling: one that folds onto another address, or an invisible character,
 * fullwidth letter or bogus `xn--` label that names nobody) is a 400 naming the parameter, as a
 * token naming it is a 401 with the same words: not an alias of the real person, nor a 404 that
 * reports an address looking just like a real one as unknown.
 */
export class ParseEmailPipe implements PipeTransform<string, string> {
  transform(value: string, metadata?: ArgumentMetadata): string {
    const refused = refusedPathSpelling(value);
    if (refused) {
      const field = metadata?.data ?? 'email';
      throw new ValidationProblemException([
        { field, message: `${field} is not an address Casetrail accepts: it ${refused}` },
      ]);
    }
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
