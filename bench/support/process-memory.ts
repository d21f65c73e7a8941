import { readFileSync } from 'node:fs';

/** Resident memory of a Linux process from /proc: now (VmRSS) and its high-water mark (VmHWM), in MiB. */
export interface ProcessMemory {
  rssMiB: number;
  peakRssMiB: number;
}

export function readProcessMemory(pid: number): ProcessMemory | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakRssMiB: kib('VmHWM') / 1024 };
}

/**
 * Samples a process's RSS while a scenario runs and keeps the peak. The kernel's own high-water
 * mark (VmHWM) is used when available, so a spike between two samples is not missed.
 */
export class PeakRssSampler {
  private peakMiB = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 100,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** Stops sampling; the peak RSS in MiB seen during the run. */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peakMiB;
  }

  private sample(): void {
    const memory = readProcessMemory(this.pid);
    if (!memory) return;
    const peak = Number.isFinite(memory.peakRssMiB) ? memory.peakRssMiB : memory.rssMiB;
    this.peakMiB = Math.max(this.peakMiB, peak, memory.rssMiB);
  }
}
