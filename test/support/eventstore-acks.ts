import type { ChildProcess } from 'node:child_process';
import type { WriterAck } from './eventstore-writer';

export interface AckReader {
  readonly acks: WriterAck[];
  /** Resolves once at least `count` acks have been read (rejects if the child exits first). */
  atLeast(count: number): Promise<void>;
  /** Resolves with the exit code or signal once the child has exited and its stdout is drained. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly stderr: () => string;
}

/** Parses a writer child's stdout into acks; an unterminated last line is not an ack. */
export function readAcks(child: ChildProcess): AckReader {
  const acks: WriterAck[] = [];
  let pending = '';
  let errors = '';
  const waiters: { count: number; resolve: () => void }[] = [];

  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) acks.push(JSON.parse(line) as WriterAck);
    for (const waiter of [...waiters]) {
      if (acks.length < waiter.count) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (errors += chunk));

  // 'close' comes after the process exited and its stdio streams ended, so every ack is parsed.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );

  return {
    acks,
    exited,
    stderr: () => errors,
    atLeast: (count) =>
      acks.length >= count
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => waiters.push({ count, resolve })),
            exited.then(({ code, signal }) => {
              if (acks.length >= count) return;
              throw new Error(`writer exited (${code ?? signal}) after ${acks.length} acks: ${errors}`);
            }),
          ]),
  };
}
