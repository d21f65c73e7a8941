import { LOG_DIGEST_RULE, type LogDigestMark } from '@casetrail/eventstore';

/** The format name a receipt carries, so a later format can be told apart. */
export const RECEIPT_FORMAT = 'casetrail-log-receipt/1';

/**
 * What `casetrail receipt` prints: the log's digest at its head, and at every `every` events on the
 * way, so a later check names the stretch of the log that changed instead of only "changed".
 * Meant to be kept outside Casetrail's reach (mailed to the auditors, a write-once bucket): whoever
 * can rewrite the log can rewrite anything kept beside it.
 */
export interface LogReceipt extends LogDigestMark {
  format: typeof RECEIPT_FORMAT;
  issuedAt: string;
  rule: string;
  /** Rising `events`; the last one is the head itself. */
  checkpoints: LogDigestMark[];
}

/** A receipt for the log up to `head`, with the marks taken on the way (the head is added last). */
export function receiptOf(issuedAt: string, marks: LogDigestMark[], head: LogDigestMark): LogReceipt {
  const checkpoints = marks.at(-1)?.events === head.events ? marks : [...marks, head];
  return { format: RECEIPT_FORMAT, issuedAt, rule: LOG_DIGEST_RULE, ...head, checkpoints };
}

/**
 * `npm run cli -- receipt > file` without `-s` writes npm's banner above the receipt (a blank line,
 * "> casetrail@0.1.0 cli", "> node dist/apps/cli/src/main.js receipt", a blank line). Those lines
 * are npm's, never the receipt's, which starts at its "{": skipped, so the receipt is checked as
 * the command wrote it rather than refused as "not JSON".
 */
export function withoutNpmBanner(text: string): string {
  const lines = text.split('\n');
  let index = 0;
  while (index < lines.length && lines[index].trim() === '') index++;
  // npm's first banner line names the package and its version: "> name@version script".
  if (!/^> \S+@\S+ \S/.test(lines[index] ?? '')) return text;
  while (index < lines.length && (lines[index].startsWith('> ') || lines[index].trim() === '')) index++;
  return lines.slice(index).join('\n');
}

/**
 * Reads a receipt file's text, refusing anything that is not one this version wrote, with what is
 * wrong: a check against a damaged receipt would report tampering that never happened.
 */
export function parseReceipt(text: string, file: string): LogReceipt {
  let value: unknown;
  try {
    value = JSON.parse(withoutNpmBanner(text));
  } catch (error) {
    throw new Error(`${file} is not JSON (${(error as Error).message})`, { cause: error });
  }
  const receipt = value as Partial<LogReceipt>;
  if (typeof value !== 'object' || value === null || receipt.format !== RECEIPT_FORMAT) {
    throw new Error(`${file} is not a Casetrail log receipt (its "format" is not "${RECEIPT_FORMAT}")`);
  }
  if (typeof receipt.issuedAt !== 'string') throw new Error(`${file}: "issuedAt" is missing`);
  const checkpoints = receipt.checkpoints;
  if (!Array.isArray(checkpoints) || checkpoints.length === 0) {
    throw new Error(`${file}: "checkpoints" must be a non-empty list`);
  }
  checkpoints.forEach((mark, index) => assertMark(mark, `${file}: checkpoints[${index}]`));
  for (let index = 1; index < checkpoints.length; index++) {
    const [before, mark] = [checkpoints[index - 1], checkpoints[index]];
    if (mark.events <= before.events || mark.position <= before.position) {
      throw new Error(`${file}: checkpoints[${index}] does not come after the one before it`);
    }
  }
  const head = checkpoints[checkpoints.length - 1];
  if (
    receipt.events !== head.events ||
    receipt.position !== head.position ||
    receipt.digest !== head.digest
  ) {
    throw new Error(`${file}: its head (events, position, digest) differs from its last checkpoint`);
  }
  return receipt as LogReceipt;
}

function assertMark(mark: unknown, where: string): asserts mark is LogDigestMark {
  const { events, position, digest } = (mark ?? {}) as Partial<LogDigestMark>;
  if (!Number.isSafeInteger(events) || events! < 0)
    throw new Error(`${where}: "events" must be a whole number`);
  if (!Number.isSafeInteger(position) || position! < 0) {
    throw new Error(`${where}: "position" must be a whole number`);
  }
  if (typeof digest !== 'string' || !/^[0-9a-f]{64}$/.test(digest)) {
    throw new Error(`${where}: "digest" must be 64 lowercase hex digits`);
  }
  // Positions are distinct, rising and at least 1: the n-th event's is at least n, and none before the first.
  if (position! < events! || (events === 0) !== (position === 0)) {
    throw new Error(`${where}: position ${position} cannot be where the log's event ${events} is`);
  }
}
