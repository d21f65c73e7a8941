import { getHeapStatistics } from 'node:v8';
import { Gauge, type Registry } from 'prom-client';
import type { ThreadHeap } from '../../../projector/src/projector-thread.protocol';
import type { ProjectorThread } from '../projections/projector-thread';

/**
 * The V8 heap of each thread of this process, labelled `thread`: `http` (this event loop, where the
 * in-process notifier runs too) and `projector` while the embedded projector runs on a worker
 * thread. The process defaults (casetrail_nodejs_heap_size_*) count this thread's heap only, so a
 * leak on the projector thread would otherwise show only as unexplained resident memory.
 */
export function registerThreadHeapGauges(registry: Registry, projectorThread?: ProjectorThread): void {
  const heaps = async (): Promise<[string, ThreadHeap][]> => {
    const own = getHeapStatistics();
    const threads: [string, ThreadHeap][] = [
      ['http', { usedBytes: own.used_heap_size, totalBytes: own.total_heap_size }],
    ];
    const projector = await projectorThread?.heap();
    if (projector) threads.push(['projector', projector]);
    return threads;
  };
  const gauge = (name: string, help: string, figure: (heap: ThreadHeap) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['thread'],
      registers: [registry],
      async collect() {
        // A thread that stopped (or did not answer in time) leaves no stale figure behind.
        this.reset();
        for (const [thread, heap] of await heaps()) this.set({ thread }, figure(heap));
      },
    });
  gauge(
    'casetrail_nodejs_thread_heap_size_used_bytes',
    'V8 heap used, by thread of the process',
    (heap) => heap.usedBytes,
  );
  gauge(
    'casetrail_nodejs_thread_heap_size_total_bytes',
    'V8 heap reserved, by thread of the process',
    (heap) => heap.totalBytes,
  );
}
