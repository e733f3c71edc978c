import { type FormEvent, useEffect, useState } from 'react';
import { REGION_ORDER, regionName } from './condition-text.js';
import type { UiLanguage } from './i18n.js';
import { uiStrings } from './i18n.js';
import { ModalDialog } from './modal-dialog.js';

const PAIN_LEVELS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** Where the pain dialog is: asking, or telling what the stop-on-pain rule decided. */
export type PainDialogState =
  | { readonly kind: 'closed' }
  | { readonly kind: 'ask' }
  | { readonly kind: 'soften'; readonly to: number | null }
  | {
      readonly kind: 'end';
      readonly because: 'level' | 'repeat';
      readonly level: number;
      readonly limit: number;
    };

/** The modal shown after PAIN / STOP: where and how much, then the rule's decision. */
export function PainDialog(props: {
  state: PainDialogState;
  stepRegions: readonly string[];
  language: UiLanguage;
  onReport: (region: string, level: number) => void;
  onCancel: () => void;
  onGoOn: () => void;
  onEnd: () => void;
}) {
  const { state, stepRegions, language, onReport, onCancel, onGoOn, onEnd } = props;
  const s = uiStrings(language);
  // The step's own first region; where the step works on none (a check-in, the rest), no place ("not said"): a
  // hurried Record never logs a place nobody named, and the report is never held up by the question.
  const [region, setRegion] = useState(stepRegions[0] ?? '');
  const [level, setLevel] = useState<number | null>(null);
  const isOpen = state.kind !== 'closed';

  useEffect(() => {
    if (state.kind === 'ask') {
      setRegion(stepRegions[0] ?? '');
      setLevel(null);
    }
  }, [state.kind, stepRegions]);

  const others = REGION_ORDER.filter((r) => !stepRegions.includes(r));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (level !== null) onReport(region, level);
  };

  return (
    <ModalDialog
      isOpen={isOpen}
      className="pain-dialog"
      labelledBy="pain-title"
      // Esc only backs out of the question; once the rule has decided, a button must be chosen.
      onEscape={() => {
        if (state.kind === 'ask') onCancel();
      }}
    >
      <h2 id="pain-title">{s.painTitle}</h2>
      {state.kind === 'ask' ? (
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor="pain-region">{s.painWhere}</label>
            <select id="pain-region" value={region} onChange={(e) => setRegion(e.target.value)}>
              <option value="">{s.painWhereNotSaid}</option>
              {stepRegions.map((r) => (
                <option key={r} value={r}>
                  {regionName(language, r)}
                </option>
              ))}
              {stepRegions.length > 0 ? <option disabled>──────</option> : null}
              {others.map((r) => (
                <option key={r} value={r}>
                  {regionName(language, r)}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="pain-levels">
            <legend>{s.painHowMuch}</legend>
            <div className="level-choices">
              {PAIN_LEVELS.map((i) => (
                <div className="level" key={i}>
                  <input
                    id={`pain-level-${i}`}
                    type="radio"
                    name="pain-level"
                    value={i}
                    checked={level === i}
                    onChange={() => setLevel(i)}
                  />
                  <label htmlFor={`pain-level-${i}`}>{i}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <div className="actions">
            <button type="button" className="secondary" onClick={onCancel}>
              {s.painCancel}
            </button>
            <button type="submit" className="primary" disabled={level === null}>
              {s.painRecord}
            </button>
          </div>
        </form>
      ) : null}
      {state.kind === 'soften' ? (
        <div role="status">
          {state.to !== null ? <p className="decision">{s.painSofter(state.to)}</p> : null}
          <p className="decision">{s.painAsk}</p>
          <div className="actions">
            <button type="button" className="secondary" onClick={onEnd}>
              {s.painEnd}
            </button>
            <button type="button" className="primary" onClick={onGoOn}>
              {s.painGoOn}
            </button>
          </div>
        </div>
      ) : null}
      {state.kind === 'end' ? (
        <div role="status">
          <p className="decision">
            {s.painEnds(
              state.because === 'level' ? s.painEndsLevel(state.level, state.limit) : s.painEndsSecond,
            )}
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={onEnd}>
              {s.painEnd}
            </button>
          </div>
        </div>
      ) : null}
    </ModalDialog>
  );
}
