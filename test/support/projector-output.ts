import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ProjectorLine {
  pid: number;
  message: string;
  level?: string;
  [field: string]: unknown;
}

/**
 * Collects a projector child's JSON lines, and lets a test wait for a particular line or for the
 * exit. Lines from several children can be merged into one timeline (`timeline`).
 */
export class ProjectorOutput {
  readonly lines: ProjectorLine[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private stderr = '';
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly child: ChildProcess,
    private readonly timeline: ProjectorLine[] = [],
  ) {
    createInterface({ input: child.stdout! }).on('line', (text) => {
      let line: ProjectorLine;
      try {
        line = JSON.parse(text) as ProjectorLine;
      } catch {
        line = { pid: child.pid ?? 0, message: text, level: 'raw' };
      }
      this.lines.push(line);
      this.timeline.push(line);
      this.waiters.forEach((wake) => wake());
    });
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    void this.exited.then(() => this.waiters.forEach((wake) => wake()));
  }

  /** Resolves with the first line matching, failing if the child exits first or the wait is long. */
  waitFor(predicate: (line: ProjectorLine) => boolean, timeoutMs = 60_000): Promise<ProjectorLine> {
    return new Promise((resolve, reject) => {
      let exited = false;
      void this.exited.then(() => (exited = true));
      const check = () => {
        const found = this.lines.find(predicate);
        if (found) return finish(() => resolve(found));
        if (exited)
          finish(() => reject(new Error(`child exited before the line came; stderr:\n${this.stderr}`)));
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`no such line in time; got:\n${this.describe()}`))),
        timeoutMs,
      );
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
      check();
    });
  }

  describe(): string {
    return `${this.lines.map((line) => JSON.stringify(line)).join('\n')}\nstderr:\n${this.stderr}`;
  }
}
