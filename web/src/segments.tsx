import type { Plan } from '../../src/core/plan-types.js';
import type { StepProgress } from './session-outcome.js';

/**
 * The session as a bar of segments, one per step, sized by duration. Live, a step is shown done only when it was
 * played through (`progress`), passed over when it was reached and left; the current one fills as it runs.
 */
export function SegmentBar(props: {
  plan: Plan;
  t: number;
  label: string;
  isLive?: boolean;
  progress?: readonly StepProgress[];
}) {
  const { plan, t, label, isLive, progress } = props;
  const total = Math.max(1, plan.totalSeconds);
  const percent = Math.round((Math.min(t, total) / total) * 100);
  return (
    <div
      className="segment-bar"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent}%`}
    >
      {plan.steps.map((step, i) => {
        const end = step.start + step.duration;
        const isCurrent = isLive && t >= step.start && t < end;
        const played = progress?.[i];
        const state = isCurrent
          ? 'current'
          : played === 'done' || (!progress && t >= end)
            ? 'done'
            : played === 'passed' && t >= end
              ? 'passed'
              : 'coming';
        const fill = state === 'current' ? ((t - step.start) / Math.max(1, step.duration)) * 100 : 0;
        return (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: a step id repeats on each side; the index is its identity
            key={i}
            className={`segment segment-${state} section-${step.position}`}
            style={{ flexGrow: Math.max(step.duration, 1) }}
            title={step.title}
          >
            {state === 'current' ? <div className="segment-fill" style={{ width: `${fill}%` }} /> : null}
          </div>
        );
      })}
    </div>
  );
}
