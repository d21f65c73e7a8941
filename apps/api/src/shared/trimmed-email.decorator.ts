import { Transform } from 'class-transformer';

/**
 * An email given in a body or a query, read as the records keep it: normalizeEmail (the domain)
 * stores and compares every address trimmed, and the email paths (ParseEmailPipe) read theirs
 * trimmed, so an address pasted with a space around it (mail clients copy one along) is that
 * address. Dropping the spaces before @IsEmail checks it is the same decision, made before the
 * check rather than after; an address with a space inside it is still refused.
 */
export const TrimmedEmail = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
