import { firstUnsafeCharacter } from '@casetrail/domain/shared/unsafe-characters';

/** Line breaks (Unicode's, not only CR and LF) and tabs, with the spaces around them. */
const BREAKS_AND_TABS = /\s*[\t\n\v\f\r\u0085\u2028\u2029]\s*/g;

/**
 * The `name` claim as a name the API may store and show. It ends up as the opener's or a comment
 * author's name and in notification emails, where a line break forged a header-like line ("Bcc:
 * ...") and a direction override made it read backwards. Free text a client sends with such
 * characters is refused (see unsafe-characters.ts), but this comes from the identity provider:
 * refusing it would lock the person out. So it is cleaned instead: line breaks and tabs become one
 * space, every other unsafe character is dropped, and a name left empty is no name.
 */
export function safeTokenName(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const oneLine = name.replace(BREAKS_AND_TABS, ' ');
  const safe = Array.from(oneLine, (character) => (firstUnsafeCharacter(character) ? '' : character));
  const cleaned = safe.join('').trim();
  return cleaned === '' ? undefined : cleaned;
}
