// What a session did, read back from its events: how much of each step was played, which steps were reached, done
// or passed over. Pure: the summary and the player's progress bar both use it.
import type { Plan } from '../../src/core/plan-types.js';
import { stepIndexAt } from '../../src/core/timeline.js';

/** What the outcome reads of a session event (OutcomeEvent in session-store.ts has these fields and more). */
export interface OutcomeEvent {
  readonly kind: string;
  readonly t: number;
  /** Where a seek went, session seconds. */
  readonly to?: number;
}

/** A step counts as done when at least this share of its time was played (docs/player.md). */
export const DONE_SHARE = 0.75;

/** How far a step got: done (played through most of its time), passed over (reached, not done), or not reached. */
export type StepProgress = 'done' | 'passed' | 'not-reached';

const SEEKS: ReadonlySet<string> = new Set(['next', 'previous', 'no-relaxation', 'retry', 'give-up']);
const STOPS: ReadonlySet<string> = new Set(['pause', 'pain', 'stop', 'finish']);

/** Where a seek event went: its `to`, or (older records without it) where next and previous went then. */
function seekTarget(plan: Plan, e: OutcomeEvent): number {
  if (e.to !== undefined) return e.to;
  const i = stepIndexAt(plan, e.t);
  const step = plan.steps[i];
  if (e.kind === 'previous') {
    if (!step) return 0;
    return e.t - step.start > 3 || i === 0 ? step.start : (plan.steps[i - 1]?.start ?? 0);
  }
  return plan.steps[i + 1]?.start ?? plan.totalSeconds;
}

/** The session seconds that were played, as [from, to) intervals, from the events up to session time `t`. */
export function playedIntervals(plan: Plan, events: readonly OutcomeEvent[], t: number): [number, number][] {
  const out: [number, number][] = [];
  let from: number | null = null;
  const close = (at: number) => {
    if (from !== null && at > from) out.push([from, at]);
    from = null;
  };
  for (const e of events) {
    if (e.kind === 'start' || e.kind === 'resume') {
      close(e.t);
      from = e.t;
    } else if (STOPS.has(e.kind)) {
      close(e.t);
    } else if (SEEKS.has(e.kind)) {
      const wasPlaying = from !== null;
      close(e.t);
      if (wasPlaying) from = seekTarget(plan, e);
    }
  }
  close(t);
  return out;
}

/** Each step's progress and played seconds, from the events and the session time now. */
export function stepsProgress(
  plan: Plan,
  events: readonly OutcomeEvent[],
  t: number,
): { progress: StepProgress[]; playedSeconds: number[] } {
  const intervals = playedIntervals(plan, events, t);
  const reached = new Set<number>();
  for (const e of events) {
    reached.add(stepIndexAt(plan, e.t));
    if (SEEKS.has(e.kind)) reached.add(stepIndexAt(plan, seekTarget(plan, e)));
  }
  if (events.length > 0) reached.add(stepIndexAt(plan, Math.min(t, plan.totalSeconds - 1e-6)));
  const playedSeconds = plan.steps.map((step) => {
    const end = step.start + step.duration;
    let sum = 0;
    for (const [a, b] of intervals) sum += Math.max(0, Math.min(b, end) - Math.max(a, step.start));
    return Math.min(sum, step.duration);
  });
  const progress = plan.steps.map((step, i): StepProgress => {
    const played = playedSeconds[i] ?? 0;
    if (played >= DONE_SHARE * step.duration - 1e-6) return 'done';
    return reached.has(i) || played > 0 ? 'passed' : 'not-reached';
  });
  return { progress, playedSeconds };
}

/** The summary's lists: steps done, passed over, not reached; changes among the steps reached; pain reports. */
export function sessionOutcome<E extends OutcomeEvent>(
  plan: Plan,
  state: { readonly events: readonly E[]; readonly t: number },
) {
  const { progress, playedSeconds } = stepsProgress(plan, state.events, state.t);
  const indices = (kind: StepProgress) => progress.flatMap((p, i) => (p === kind ? [i] : []));
  const changed = plan.steps
    .map((step, i) => ({ step, i }))
    .filter(({ step, i }) => step.changes.length > 0 && progress[i] !== 'not-reached');
  const pains = state.events.filter((e) => e.kind === 'pain');
  return {
    done: indices('done'),
    passed: indices('passed'),
    notReached: indices('not-reached'),
    changed,
    pains,
    playedSeconds,
  };
}
