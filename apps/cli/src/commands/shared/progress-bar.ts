import { SingleBar } from 'cli-progress';

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr for long work (rebuilds, verification), so stdout stays clean for the
 * result. cli-progress draws nothing when stderr is not a terminal (pipes, CI logs, tests).
 */
export function progressBar(label: string, total: number, unit = 'events'): Progress {
  const bar = new SingleBar({
    format: `${label.padEnd(18)} [{bar}] {percentage}% | {value}/{total} ${unit} | {eta_formatted} left`,
    barCompleteChar: '=',
    barIncompleteChar: ' ',
    hideCursor: true,
    clearOnComplete: false,
    stopOnComplete: false,
    etaBuffer: 50,
    fps: 5,
    stream: process.stderr,
  });
  bar.start(Math.max(total, 0), 0);
  return {
    update(done, newTotal) {
      if (newTotal !== undefined) bar.setTotal(newTotal);
      bar.update(done);
    },
    stop() {
      bar.stop();
    },
  };
}
