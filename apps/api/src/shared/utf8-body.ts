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
 * forms, no surrogates, nothing above U+10FFFF), as isUtf8 judges; -1 when there is none.
 */
export function firstInvalidUtf8Offset(body: Buffer): number {
  let index = 0;
  while (index < body.length) {
    const lead = body[index];
    if (lead < 0x80) {
      index++;
      continue;
    }
    const form = sequenceForm(lead);
    if (!form) return index;
    for (let next = 1; next <= form.continuations; next++) {
      const byte = body[index + next];
      const [low, high] = next === 1 ? [form.secondLow, form.secondHigh] : [0x80, 0xbf];
      if (byte === undefined || byte < low || byte > high) return index;
    }
    index += form.continuations + 1;
  }
  return -1;
}

interface SequenceForm {
  continuations: number;
  /** The second byte's range, narrower than 0x80-0xBF after some leads (overlongs, surrogates). */
  secondLow: number;
  secondHigh: number;
}

function sequenceForm(lead: number): SequenceForm | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return { continuations: 1, secondLow: 0x80, secondHigh: 0xbf };
  if (lead === 0xe0) return { continuations: 2, secondLow: 0xa0, secondHigh: 0xbf };
  if (lead === 0xed) return { continuations: 2, secondLow: 0x80, secondHigh: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { continuations: 2, secondLow: 0x80, secondHigh: 0xbf };
  if (lead === 0xf0) return { continuations: 3, secondLow: 0x90, secondHigh: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { continuations: 3, secondLow: 0x80, secondHigh: 0xbf };
  if (lead === 0xf4) return { continuations: 3, secondLow: 0x80, secondHigh: 0x8f };
  return undefined;
}
