import { createHash } from 'node:crypto';

export interface WriterEventData {
  writer: string;
  n: number;
  payload: string;
  checksum: string;
}

/** Payload big enough to span pages, with a checksum that shows a torn or corrupted event. */
export function writerEventData(writer: string, n: number): WriterEventData {
  const payload = `${writer}:${n}:`.padEnd(600, 'x');
  return { writer, n, payload, checksum: checksumOf(writer, n, payload) };
}

export function isIntactWriterEventData(data: unknown): boolean {
  const candidate = data as Partial<WriterEventData> | null;
  if (!candidate || typeof candidate.writer !== 'string' || typeof candidate.n !== 'number') return false;
  return candidate.checksum === checksumOf(candidate.writer, candidate.n, String(candidate.payload));
}

function checksumOf(writer: string, n: number, payload: string): string {
  return createHash('sha256').update(`${writer}\n${n}\n${payload}`).digest('hex');
}
