import { useMemo } from 'react';
import type { Side } from '../../src/core/ids.js';
import type { Plan, PlannedStep, PlanResult } from '../../src/core/plan-types.js';
import { momentAt } from '../../src/core/timeline.js';
import { bodyMap } from './body-map.js';
import { regionName } from './condition-text.js';
import { figureCropHeight, figureSvg, stillTimeFor } from './figure.js';
import { clockText, sideText, type UiLanguage, type UiStrings, uiStrings } from './i18n.js';
import { SegmentBar } from './segments.js';
import { stepTitle } from './step-text.js';

const STILL_WIDTH = 640;
const STILL_HEIGHT = 360;

/** The still of a step as a data URL (an <img> keeps the page's DOM small). */
function stillUrl(plan: Plan, step: PlannedStep, label: string): string {
  const svg = figureSvg(momentAt(plan, stillTimeFor(step), bodyMap), {
    width: STILL_WIDTH,
    height: STILL_HEIGHT,
    theme: 'light',
    language: plan.language,
    excluded: plan.excludedRegions,
    label,
  });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

function StepCard(props: {
  plan: Plan;
  step: PlannedStep;
  index: number;
  s: UiStrings;
  language: UiLanguage;
}) {
  const { plan, step, index, s, language } = props;
  const url = useMemo(() => stillUrl(plan, step, step.title), [plan, step]);
  const side = sideText(language, step.side);
  return (
    <li
      className="step-card"
      data-step-id={step.id}
      data-side={step.side ?? ''}
      data-regions={step.regions.join(' ')}
    >
      <img
        className="still"
        src={url}
        alt={s.still(step.title)}
        width={STILL_WIDTH}
        height={figureCropHeight(STILL_WIDTH, STILL_HEIGHT)}
      />
      <div className="step-body">
        <h3>
          <span className="step-number">{index + 1}.</span> {step.title}
        </h3>
        <dl className="step-facts">
          <div>
            <dt>{s.stepStart}</dt>
            <dd>{clockText(step.start)}</dd>
          </div>
          <div>
            <dt>{s.duration}</dt>
            <dd>{clockText(step.duration)}</dd>
          </div>
          <div>
            <dt>{s.side}</dt>
            <dd>{side ?? s.midline}</dd>
          </div>
          <div>
            <dt>{s.pressureShort}</dt>
            <dd>{step.pressure === null ? s.noPressure : `${step.pressure} / 5`}</dd>
          </div>
          <div>
            <dt>{s.reps}</dt>
            <dd>{step.reps}</dd>
          </div>
          {step.regions.length > 0 ? (
            <div className="areas">
              <dt>{s.areas}</dt>
              <dd>{step.regions.map((r) => regionName(language, r)).join(', ')}</dd>
            </div>
          ) : null}
        </dl>
        {step.changes.length > 0 ? (
          <ul className="changes">
            {step.changes.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: changes are listed in the order the rules made them
              <li key={i}>
                {c.kind === 'soften' && c.from != null && c.to != null ? `${c.from} → ${c.to}: ` : ''}
                {c.reason}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </li>
  );
}

/** Skipped steps grouped by their reason (each reason once), each step once with its sides. */
function skippedByReason(skipped: Plan['skipped']) {
  const groups = new Map<string, { reason: string; steps: { id: string; sides: Side[] }[] }>();
  for (const k of skipped) {
    const group = groups.get(k.reason) ?? { reason: k.reason, steps: [] };
    groups.set(k.reason, group);
    let entry = group.steps.find((e) => e.id === k.id);
    if (!entry) {
      entry = { id: k.id, sides: [] };
      group.steps.push(entry);
    }
    if (k.side) entry.sides.push(k.side);
  }
  return [...groups.values()];
}

/** Print or download the plan's handout (the same page `massage-coach export handout` prints to PDF). */
function HandoutButtons(props: { plan: Plan; language: UiLanguage }) {
  const isRu = props.language === 'ru';
  const run = (action: 'print' | 'download') => {
    // The handout module (and the routine and rules it names) loads only when asked for.
    void import('./handout.js').then((m) =>
      (action === 'print' ? m.printHandout : m.downloadHandout)(props.plan),
    );
  };
  return (
    <>
      <button type="button" className="secondary" data-action="print-handout" onClick={() => run('print')}>
        {isRu ? 'Печать памятки' : 'Print handout'}
      </button>
      <button
        type="button"
        className="secondary"
        data-action="download-handout"
        onClick={() => run('download')}
      >
        {isRu ? 'Скачать памятку' : 'Download handout'}
      </button>
    </>
  );
}

/** The plan: refusal, or warnings to acknowledge, the timed steps with their stills, and what was left out. */
export function PlanView(props: {
  plan: PlanResult;
  violations: readonly string[];
  acknowledged: readonly string[];
  language: UiLanguage;
  onAcknowledge: (rule: string, isChecked: boolean) => void;
  onBack: () => void;
  /** The session time of a session under way (left with Back), which Start then continues; null for none. */
  resumeAt?: number | null;
  onStart: (options: { isContinued: boolean }) => void;
}) {
  const { plan, violations, acknowledged, language, onAcknowledge, onBack, onStart } = props;
  const resumeAt = props.resumeAt ?? null;
  const s = uiStrings(language);

  if (plan.refused) {
    return (
      <section className="plan refused" aria-labelledby="screen-title">
        <h1 id="screen-title" tabIndex={-1}>
          {s.refusedTitle}
        </h1>
        <p className="lead">{s.refusedLead}</p>
        <ul className="reasons">
          {plan.reasons.map((r) => (
            <li key={r.rule}>{r.reason}</li>
          ))}
        </ul>
        <p className="see-doctor">
          <strong>{s.seeDoctor}</strong>
        </p>
        <div className="actions">
          <button type="button" className="secondary" onClick={onBack}>
            {s.backToIntake}
          </button>
        </div>
      </section>
    );
  }

  const mustAck = plan.warnings.filter((w) => w.mustAcknowledge);
  const isBlockedByWarnings = mustAck.some((w) => !acknowledged.includes(w.rule));
  const canStart = !isBlockedByWarnings && violations.length === 0 && plan.steps.length > 0;
  const minutes = Math.round(plan.totalSeconds / 60);

  return (
    <section className="plan" aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {s.planTitle}
      </h1>
      <p className="lead">{s.planLead(minutes, plan.steps.length)}</p>

      {plan.because.length > 0 ? (
        <section className="because" aria-labelledby="because-title">
          <h2 id="because-title">{s.becauseTitle}</h2>
          <ul className="because-rules">
            {plan.because.map((r) => (
              <li key={r.rule} data-rule={r.rule} className="because-rule">
                <strong>{r.title}</strong>
                <ul className="because-changes">
                  {r.changes.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
                {r.reasons.map((why) => (
                  <p key={why} className="because-why">
                    {why}
                  </p>
                ))}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {plan.warnings.length > 0 ? (
        <section className="warnings" aria-labelledby="warnings-title">
          <h2 id="warnings-title">{s.warnings}</h2>
          <ul>
            {plan.warnings.map((w, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one rule may warn more than once
              <li key={i} className="warning">
                <p>{w.message}</p>
                {w.mustAcknowledge ? (
                  <div className="check">
                    <input
                      id={`ack-${i}`}
                      type="checkbox"
                      checked={acknowledged.includes(w.rule)}
                      onChange={(e) => onAcknowledge(w.rule, e.target.checked)}
                    />
                    <label htmlFor={`ack-${i}`}>{s.acknowledge}</label>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {violations.length > 0 ? (
        <div className="violations" role="alert">
          <p>{s.unsafePlan}</p>
          <ul>
            {violations.map((v) => (
              <li key={v}>{v}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="actions">
        <button type="button" className="secondary" onClick={onBack}>
          {s.backToIntake}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!canStart}
          aria-describedby={isBlockedByWarnings ? 'start-blocked' : undefined}
          onClick={() => onStart({ isContinued: resumeAt !== null })}
        >
          {resumeAt !== null ? s.continueSession(clockText(resumeAt)) : s.start}
        </button>
        <HandoutButtons plan={plan} language={language} />
        {resumeAt !== null ? (
          <button type="button" className="secondary" onClick={() => onStart({ isContinued: false })}>
            {s.startAgain}
          </button>
        ) : null}
        {isBlockedByWarnings ? (
          <p id="start-blocked" className="hint">
            {s.startBlocked}
          </p>
        ) : null}
      </div>

      <h2>{s.timeline}</h2>
      <SegmentBar plan={plan} t={0} label={s.timeline} />
      <ol className="steps">
        {plan.steps.map((step, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a step id repeats on each side; the index is its identity
          <StepCard key={i} plan={plan} step={step} index={i} s={s} language={language} />
        ))}
      </ol>

      {plan.skipped.length > 0 ? (
        <section className="skipped" aria-labelledby="skipped-title">
          <h2 id="skipped-title">{s.skippedTitle}</h2>
          <ul>
            {skippedByReason(plan.skipped).map((group) => (
              <li key={group.reason}>
                <strong>
                  {group.steps
                    .map(
                      (k) =>
                        `${stepTitle(language, k.id)}${k.sides.length > 0 ? ` (${k.sides.map((side) => sideText(language, side)).join(', ')})` : ''}`,
                    )
                    .join(', ')}
                </strong>
                : {group.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {plan.excludedRegions.length > 0 ? (
        <section className="excluded" aria-labelledby="excluded-title">
          <h2 id="excluded-title">{s.changedTitle}</h2>
          <ul>
            {plan.excludedRegions.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a region may be excluded by several rules
              <li key={i}>
                <strong>
                  {regionName(language, r.region)}
                  {r.side ? ` (${sideText(language, r.side)})` : ''}
                </strong>
                : {r.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
