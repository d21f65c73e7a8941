import { isUtf8 } from 'node:buffer';

/**
 * Why a JSON body's bytes are not UTF-8, with where, or undefined when they are. JSON exchanged
 * between systems is UTF-8 (RFC 8259 §8.1): decoded leniently, a Latin-1 `M\xfcller` became
 * `M\ufffdller`, stored for ever in the hash-chained log and mailed on; refused, the client learns
 * its encoding is wrong while it can still send the text again.
 */
export function notUtf8Reason(body: Buffer): string | undefined {
  if (isUtf8(body)) return undefined;
  const offset = firstInvalidUtf8Offset(body);
  const byte = `0x${body[offset].toString(16).toUpperCase().padStart(2, '0')}`;
  const before = textBefore(body, offset);
  return (
    `The body is not valid UTF-8: the byte ${byte} at offset ${offset}` +
    (before ? ` (after ${JSON.stringify(before)})` : '') +
    ' starts no valid UTF-8 character. Send JSON encoded as UTF-8; convert text in Latin-1 or Windows-1252 first'
  );
}

const CONTEXT_BYTES = 24;

/** Up to CONTEXT_BYTES of the (valid) text before `offset`, starting on a character's first byte. */
function textBefore(body: Buffer, offset: number): string {
  let start = Math.max(0, offset - CONTEXT_BYTES);
  while (start < offset && (body[start] & 0xc0) === 0x80) start++;
  return body.subarray(start, offset).toString('utf8');
}

/**
 * Where the first byte sequence that is no well-formed UTF-8 begins (Unicode Table 3-7: no overlong
 * forms, no surrogates, nothing above U+10FFFF), as isUtf8 judges; -1 when there is none. Node's
 * decoder puts one U+FFFD for each ill-formed sequence and decodes everything before the first
 * exactly, so that sequence starts where the text before the first U+FFFD that the body did not
 * spell out itself (as EF BF BD) ends.
 */
export function firstInvalidUtf8Offset(body: Buffer): number {
  const text = body.toString('utf8');
  // Counted on from the last U+FFFD passed, so a body of many genuine ones is still read once.
  let offset = 0;
  let from = 0;
  for (let index = text.indexOf(REPLACEMENT); index >= 0; index = text.indexOf(REPLACEMENT, from)) {
    offset += Buffer.byteLength(text.slice(from, index));
    if (!body.subarray(offset, offset + ENCODED_REPLACEMENT.length).equals(ENCODED_REPLACEMENT))
      return offset;
    offset += ENCODED_REPLACEMENT.length;
    from = index + 1;
  }
  return -1;
}

const REPLACEMENT = '\uFFFD';
const ENCODED_REPLACEMENT = Buffer.from(REPLACEMENT, 'utf8');
