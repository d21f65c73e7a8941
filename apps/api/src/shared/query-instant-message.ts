/**
 * A time and then a space where an offset's sign goes: `2026-11-30T10:00:00 02:00`. A `+` in a
 * query string is form-decoded as a space, so `...+02:00` sent unencoded arrives this way.
 */
const OFFSET_SIGN_READ_AS_SPACE = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)? (\d{2}:?\d{2})$/i;

/**
 * The refusal of an instant query parameter (`from`, `to`, `openedFrom`, `openedTo`, `asOf`): what
 * it must be and, when its value looks like an offset whose `+` was sent unencoded, that a `+` in
 * a query string must be sent as `%2B` (integrators' most common mistake with offsets: the value
 * they sent had an offset, and "needs an offset" alone reads as wrong).
 */
export function instantQueryMessage(field: string, mustBe: string, value: unknown): string {
  const refusal = `${field} must be ${mustBe}`;
  const unencoded = typeof value === 'string' ? OFFSET_SIGN_READ_AS_SPACE.exec(value) : null;
  if (!unencoded) return refusal;
  const [, offset] = unencoded;
  const resent = `${String(value).slice(0, -offset.length - 1)}%2B${offset}`;
  return (
    `${refusal}: ${field} has a space where its offset's + goes (${JSON.stringify(value)}), as a + sent ` +
    `unencoded in a query string is read as a space; send the + as %2B (${field}=${resent})`
  );
}
