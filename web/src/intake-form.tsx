import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { ConditionId } from '../../src/core/intake.js';
import {
  CONDITION_FIELDS,
  CONDITION_ORDER,
  CONDITION_TEXT,
  type ConditionText,
  REGION_ORDER,
  regionName,
} from './condition-text.js';
import intakeHintsJson from './generated/intake-hints.json';
import { type UiLanguage, type UiStrings, uiStrings } from './i18n.js';
import { fieldLabel } from './intake-issues.js';
import type { ConditionValues, IntakeFormValues } from './intake-values.js';

interface RefusalHint {
  readonly condition: string;
  readonly isCleared?: boolean;
  readonly severity?: 'mild' | 'severe';
  readonly reason: { readonly en: string; readonly ru?: string };
}
// Written by web/scripts/compile-content.ts from the rules file.
const intakeHints = intakeHintsJson as { refusals: RefusalHint[] };

/** The refusal reasons a ticked condition already implies (from the rules file), in the form's language. */
export function refusalsFor(id: ConditionId, c: ConditionValues, language: UiLanguage): string[] {
  if (!c.isChecked) return [];
  return intakeHints.refusals
    .filter(
      (r) =>
        r.condition === id &&
        (r.isCleared === undefined || r.isCleared === c.isCleared) &&
        (r.severity === undefined || r.severity === c.severity),
    )
    .map((r) => (language === 'ru' ? r.reason.ru : undefined) ?? r.reason.en);
}

/** A field error keyed by form control id. */
export type FieldErrors = Readonly<Record<string, string>>;

function FieldError({ id, errors }: { id: string; errors: FieldErrors }) {
  const message = errors[id];
  if (!message) return null;
  return (
    <p className="field-error" id={`${id}-error`}>
      {message}
    </p>
  );
}

function describedBy(id: string, errors: FieldErrors, hint?: string): string | undefined {
  const ids = [hint, errors[id] ? `${id}-error` : undefined].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A labelled drop-down with its error, for one field of the form. */
function SelectField(props: {
  id: string;
  label: string;
  value: string;
  options: readonly (readonly [value: string, label: string])[];
  errors: FieldErrors;
  onChange: (value: string) => void;
}) {
  const { id, label, value, options, errors, onChange } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={errors[id] ? true : undefined}
        aria-describedby={describedBy(id, errors)}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
      <FieldError id={id} errors={errors} />
    </div>
  );
}

/** The region choices: none yet, then every region by name. */
function regionOptions(language: UiLanguage): [string, string][] {
  return [['', '—'], ...REGION_ORDER.map((r): [string, string] => [r, regionName(language, r)])];
}

/** Height and weight of the client or the practitioner. */
function BodyFields(props: {
  who: 'client' | 'practitioner';
  legend: string;
  labels: { heightCm: string; weightKg: string };
  values: IntakeFormValues;
  errors: FieldErrors;
  onChange: (values: IntakeFormValues) => void;
}) {
  const { who, legend, labels, values, errors, onChange } = props;
  const height = `${who}Height` as const;
  const weight = `${who}Weight` as const;
  return (
    <fieldset className="group">
      <legend>{legend}</legend>
      <NumberField
        id={`${who}-height`}
        label={labels.heightCm}
        value={values[height]}
        errors={errors}
        onChange={(value) => onChange({ ...values, [height]: value })}
      />
      <NumberField
        id={`${who}-weight`}
        label={labels.weightKg}
        value={values[weight]}
        errors={errors}
        onChange={(value) => onChange({ ...values, [weight]: value })}
      />
    </fieldset>
  );
}

function NumberField(props: {
  id: string;
  label: string;
  value: string;
  errors: FieldErrors;
  onChange: (value: string) => void;
  hint?: string;
  min?: number;
  max?: number;
}) {
  const { id, label, value, errors, onChange, hint } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={value}
        aria-invalid={errors[id] ? true : undefined}
        aria-describedby={describedBy(id, errors, hintId)}
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldError id={id} errors={errors} />
    </div>
  );
}

function ConditionDetails(props: {
  id: ConditionId;
  c: ConditionValues;
  s: UiStrings;
  language: UiLanguage;
  errors: FieldErrors;
  onChange: (c: ConditionValues) => void;
}) {
  const { id, c, s, language, errors, onChange } = props;
  const fields = CONDITION_FIELDS[id];
  const base = `cond-${id}`;
  return (
    <div className="condition-details">
      {fields.includes('side') ? (
        <SelectField
          id={`${base}-side`}
          label={s.side}
          value={c.side}
          options={[
            ['', s.sideAny],
            ['left', s.sideLeft],
            ['right', s.sideRight],
            ['both', s.sideBoth],
          ]}
          errors={errors}
          onChange={(side) => onChange({ ...c, side: side as ConditionValues['side'] })}
        />
      ) : null}
      {fields.includes('severity') ? (
        <SelectField
          id={`${base}-severity`}
          label={s.severity}
          value={c.severity}
          options={[
            ['mild', s.severityMild],
            ['severe', s.severitySevere],
          ]}
          errors={errors}
          onChange={(severity) => onChange({ ...c, severity: severity === 'severe' ? 'severe' : 'mild' })}
        />
      ) : null}
      {fields.includes('weeks') ? (
        <NumberField
          id={`${base}-weeks`}
          label={s.weeks}
          value={c.weeks}
          errors={errors}
          onChange={(weeks) => onChange({ ...c, weeks })}
        />
      ) : null}
      {fields.includes('region') ? (
        <SelectField
          id={`${base}-region`}
          label={s.lesionRegion}
          value={c.region}
          options={regionOptions(language)}
          errors={errors}
          onChange={(region) => onChange({ ...c, region })}
        />
      ) : null}
      {fields.includes('kind') ? (
        <SelectField
          id={`${base}-kind`}
          label={s.lesionKind}
          value={c.kind}
          options={[
            ['', '—'],
            ['wound', s.kindWound],
            ['bruise', s.kindBruise],
            ['fracture', s.kindFracture],
            ['recent-surgery', s.kindSurgery],
            ['skin-infection', s.kindInfection],
          ]}
          errors={errors}
          onChange={(kind) => onChange({ ...c, kind: kind as ConditionValues['kind'] })}
        />
      ) : null}
      {fields.includes('isCleared') ? (
        <div className="field check">
          <input
            id={`${base}-isCleared`}
            type="checkbox"
            checked={c.isCleared}
            onChange={(e) => onChange({ ...c, isCleared: e.target.checked })}
          />
          <label htmlFor={`${base}-isCleared`}>{s.isCleared}</label>
        </div>
      ) : null}
    </div>
  );
}

function ConditionRow(props: {
  id: ConditionId;
  text: ConditionText;
  c: ConditionValues;
  s: UiStrings;
  language: UiLanguage;
  errors: FieldErrors;
  onChange: (c: ConditionValues) => void;
}) {
  const { id, text, c, s, language, errors, onChange } = props;
  const base = `cond-${id}`;
  const refusals = refusalsFor(id, c, language);
  return (
    <li className={`condition${c.isChecked ? ' is-checked' : ''}`}>
      <div className="check">
        <input
          id={base}
          type="checkbox"
          checked={c.isChecked}
          aria-describedby={`${base}-sentence`}
          onChange={(e) => onChange({ ...c, isChecked: e.target.checked })}
        />
        <label htmlFor={base}>
          <strong>{text.name}</strong>
        </label>
      </div>
      <p className="hint condition-sentence" id={`${base}-sentence`}>
        {text.sentence}
      </p>
      <FieldError id={base} errors={errors} />
      {c.isChecked && CONDITION_FIELDS[id].length > 0 ? (
        <ConditionDetails id={id} c={c} s={s} language={language} errors={errors} onChange={onChange} />
      ) : null}
      {refusals.length > 0 ? (
        <div className="refusal-notice" role="alert">
          <strong>{s.refusalNotice}</strong> {refusals.join(' ')}
        </div>
      ) : null}
    </li>
  );
}

/** The intake form: body sizes, conditions, areas to avoid, pressure, length and language. */
export function IntakeForm(props: {
  values: IntakeFormValues;
  errors: FieldErrors;
  isBusy: boolean;
  onChange: (values: IntakeFormValues) => void;
  onSubmit: () => void;
}) {
  const { values, errors, isBusy, onChange, onSubmit } = props;
  const language = values.language;
  const s = uiStrings(language);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [submitCount, setSubmitCount] = useState(0);
  const errorEntries = Object.entries(errors);

  // New errors after a submit: take the focus (and the view) to their summary at the top.
  useEffect(() => {
    if (Object.keys(errors).length > 0) summaryRef.current?.focus();
  }, [errors]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitCount((n) => n + 1);
    onSubmit();
  };
  const setCondition = (id: ConditionId, c: ConditionValues) =>
    onChange({ ...values, conditions: { ...values.conditions, [id]: c } });

  return (
    <form className="intake" aria-labelledby="screen-title" noValidate onSubmit={submit}>
      <h1 id="screen-title" tabIndex={-1}>
        {s.intakeTitle}
      </h1>
      <p className="lead">{s.intakeLead}</p>

      {errorEntries.length > 0 ? (
        <div className="error-summary" role="alert" ref={summaryRef} tabIndex={-1} key={submitCount}>
          <p>{s.fixErrors}</p>
          <ul>
            {errorEntries.map(([id, message]) => (
              <li key={id}>
                <a href={`#${id}`}>
                  {fieldLabel(id, s, language)}: {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <fieldset className="group" id="language">
        <legend>{s.language}</legend>
        <div className="choices">
          {(['en', 'ru'] as const).map((l) => (
            <div className="check" key={l}>
              <input
                id={`language-${l}`}
                type="radio"
                name="language"
                value={l}
                checked={language === l}
                onChange={() => onChange({ ...values, language: l })}
              />
              <label htmlFor={`language-${l}`} lang={l}>
                {l === 'en' ? 'English' : 'Русский'}
              </label>
            </div>
          ))}
        </div>
      </fieldset>

      <div className="two-columns">
        <BodyFields
          who="client"
          legend={s.client}
          labels={s}
          values={values}
          errors={errors}
          onChange={onChange}
        />
        <BodyFields
          who="practitioner"
          legend={s.practitioner}
          labels={s}
          values={values}
          errors={errors}
          onChange={onChange}
        />
      </div>

      <fieldset className="group" id="conditions">
        <legend>{s.conditions}</legend>
        <p className="hint">{s.conditionsLead}</p>
        <ul className="conditions">
          {CONDITION_ORDER.map((id) => (
            <ConditionRow
              key={id}
              id={id}
              text={CONDITION_TEXT[language][id]}
              c={values.conditions[id]}
              s={s}
              language={language}
              errors={errors}
              onChange={(c) => setCondition(id, c)}
            />
          ))}
        </ul>
      </fieldset>

      <fieldset className="group" id="avoid">
        <legend>{s.avoidRegions}</legend>
        <p className="hint">{s.avoidLead}</p>
        {values.avoid.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their place in the list
          <div className="avoid-row" key={i}>
            <SelectField
              id={`avoid-${i}-region`}
              label={s.region}
              value={row.region}
              options={regionOptions(language)}
              errors={errors}
              onChange={(region) =>
                onChange({ ...values, avoid: values.avoid.map((r, j) => (j === i ? { ...r, region } : r)) })
              }
            />
            <SelectField
              id={`avoid-${i}-side`}
              label={s.side}
              value={row.side}
              options={[
                ['', s.sideAny],
                ['left', s.sideLeft],
                ['right', s.sideRight],
              ]}
              errors={errors}
              onChange={(side) =>
                onChange({
                  ...values,
                  avoid: values.avoid.map((r, j) =>
                    j === i ? { ...r, side: side as '' | 'left' | 'right' } : r,
                  ),
                })
              }
            />
            <button
              type="button"
              className="secondary"
              onClick={() => onChange({ ...values, avoid: values.avoid.filter((_, j) => j !== i) })}
            >
              {s.removeRegion}
              <span className="visually-hidden"> {i + 1}</span>
            </button>
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() => onChange({ ...values, avoid: [...values.avoid, { region: '', side: '' }] })}
        >
          {s.addRegion}
        </button>
      </fieldset>

      <fieldset className="group" id="pressure" aria-describedby={describedBy('pressure', errors)}>
        <legend>{s.pressure}</legend>
        <div className="choices pressure-choices">
          {[1, 2, 3, 4, 5].map((p) => (
            <div className="check" key={p}>
              <input
                id={`pressure-${p}`}
                type="radio"
                name="pressure"
                value={p}
                checked={values.pressure === p}
                onChange={() => onChange({ ...values, pressure: p })}
              />
              <label htmlFor={`pressure-${p}`}>
                {p} — {s.pressureNames[p - 1]}
              </label>
            </div>
          ))}
        </div>
        <FieldError id="pressure" errors={errors} />
      </fieldset>

      <NumberField
        id="minutes"
        label={s.minutes}
        hint={s.minutesHint}
        value={values.minutes}
        errors={errors}
        onChange={(minutes) => onChange({ ...values, minutes })}
      />

      <div className="actions">
        <button type="submit" className="primary" disabled={isBusy}>
          {s.makePlan}
        </button>
      </div>
    </form>
  );
}
