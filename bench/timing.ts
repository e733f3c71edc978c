// Timing for benchmarks: warm up, run repeated batches, and report the median and p95 per operation.

/** One benchmark's figures, per operation. */
export interface TimingResult {
  readonly name: string;
  /** Nanoseconds per operation: the median and the 95th percentile over the batches. */
  readonly medianNs: number;
  readonly p95Ns: number;
  /** Operations per second at the median. */
  readonly opsPerSecond: number;
  readonly batches: number;
  readonly opsPerBatch: number;
}

/** How a measurement runs. */
export interface TimingOptions {
  /** Operations per timed batch (default 1000). */
  readonly opsPerBatch?: number;
  /** Timed batches (default 50). */
  readonly batches?: number;
  /** Untimed batches run first so the JIT settles (default 10). */
  readonly warmupBatches?: number;
}

/** The value at quantile q (0…1) of sorted numbers, nearest rank. */
export function quantileOf(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * Times `op` (called with the running operation index): warm-up batches, then timed batches of
 * `opsPerBatch` calls each, measured with process.hrtime.bigint().
 */
export function timingOf(
  name: string,
  op: (i: number) => unknown,
  options: TimingOptions = {},
): TimingResult {
  const opsPerBatch = options.opsPerBatch ?? 1000;
  const batches = options.batches ?? 50;
  const warmupBatches = options.warmupBatches ?? 10;
  let sink: unknown;
  let i = 0;
  for (let b = 0; b < warmupBatches; b++) for (let k = 0; k < opsPerBatch; k++) sink = op(i++);
  const perOp: number[] = [];
  for (let b = 0; b < batches; b++) {
    const start = process.hrtime.bigint();
    for (let k = 0; k < opsPerBatch; k++) sink = op(i++);
    const elapsed = Number(process.hrtime.bigint() - start);
    perOp.push(elapsed / opsPerBatch);
  }
  keep(sink);
  perOp.sort((a, b) => a - b);
  const medianNs = quantileOf(perOp, 0.5);
  return {
    name,
    medianNs,
    p95Ns: quantileOf(perOp, 0.95),
    opsPerSecond: medianNs > 0 ? 1e9 / medianNs : Number.POSITIVE_INFINITY,
    batches,
    opsPerBatch,
  };
}

let kept: unknown;
/** Keeps a result alive so the JIT cannot drop the work that made it. */
function keep(value: unknown): void {
  kept = value;
}
/** The last kept value (read so the store is not dead either). */
export function keptValue(): unknown {
  return kept;
}

/** A seeded pseudo-random generator (mulberry32), so benchmark inputs are the same every run. */
export function randomSeeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Formats nanoseconds for a row: ns, µs or ms. */
export function durationText(ns: number): string {
  if (!Number.isFinite(ns)) return String(ns);
  if (ns < 1_000) return `${ns.toFixed(0)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(2)} µs`;
  return `${(ns / 1_000_000).toFixed(3)} ms`;
}

/** Formats operations per second with thousands separators. */
export function rateText(opsPerSecond: number): string {
  if (!Number.isFinite(opsPerSecond)) return String(opsPerSecond);
  return Math.round(opsPerSecond).toLocaleString('en-US');
}
