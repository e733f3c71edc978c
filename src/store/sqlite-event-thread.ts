// The server side of the SQLite writer thread: hands it groups of event batches and waits for their commit.
import { Worker } from 'node:worker_threads';
import type { BatchOutcome, GroupCommit } from './event-groups.js';

/** The writer thread's module: the compiled `.js` beside this file, or (through tsx) the `.ts` source. */
function writerThread(file: string): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./sqlite-event-worker.js', import.meta.url), { workerData: { file } });
  // Node 20 does not carry tsx's loader into worker threads: the worker registers it before loading the source.
  const source = new URL('./sqlite-event-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true, workerData: { file } });
}

/** A group commit on a thread of its own, and how to stop it. */
export interface EventThread {
  readonly commit: GroupCommit;
  close(): Promise<void>;
}

/** Starts the writer thread for a SQLite file (its schema must exist: open the store first); resolves when ready. */
export async function sqliteEventThread(file: string): Promise<EventThread> {
  const worker = writerThread(file);
  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: { ready?: boolean }) => {
      if (!m.ready) return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      resolve();
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
  worker.unref();
  const waiting = new Map<number, { resolve(o: BatchOutcome[]): void; reject(e: unknown): void }>();
  let next = 0;
  let failure: Error | null = null;
  const failAll = (error: Error) => {
    failure = error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.on('message', (m: { id?: number; outcomes?: BatchOutcome[] }) => {
    if (m.id === undefined || !m.outcomes) return;
    waiting.get(m.id)?.resolve(m.outcomes);
    waiting.delete(m.id);
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`the SQLite writer thread stopped (exit ${code})`)));
  return {
    commit(batches) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        worker.ref();
        // Only the data crosses to the thread (a caller's batch may carry its own callbacks).
        const plain = batches.map((b) => ({
          sessionId: b.sessionId,
          events: b.events,
          receivedAt: b.receivedAt,
          audit: b.audit,
        }));
        worker.postMessage({ id, batches: plain });
      }).finally(() => {
        if (waiting.size === 0) worker.unref();
      }) as Promise<BatchOutcome[]>;
    },
    async close() {
      if (failure) return;
      await new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage({ close: true });
        setTimeout(() => void worker.terminate(), 2000).unref();
      });
    },
  };
}
