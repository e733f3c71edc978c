import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { ConditionId, IntakeCondition } from '../../src/core/intake.js';
import type { RuleWhen } from '../../src/core/rules.js';
import {
  CONDITION_FIELDS,
  CONDITION_TEXT,
  type ConditionText,
  REGION_ORDER,
  regionName,
} from './condition-text.js';
import intakeHintsJson from './generated/intake-hints.json';
import './intake-form.css';
import { type UiLanguage, type UiStrings, uiStrings } from './i18n.js';
import { CONDITION_GROUPS, CONDITION_VALUES } from './intake-data.js';
import { fieldLabel } from './intake-issues.js';
import { type IntakeStrings, intakeStrings } from './intake-text.js';
import {
  type ConditionValues,
  conditionFromForm,
  type IntakeFormValues,
  type YesNo,
} from './intake-values.js';

interface RefusalHint {
  readonly when: RuleWhen;
  readonly reason: { readonly en: string; readonly ru?: string };
}
// Written by web/scripts/compile-content.ts from the rules file.
const intakeHints = intakeHintsJson as unknown as { refusals: RefusalHint[] };

/** The core's rule test (src/core/rule-match.ts `whenHolds`). */
export type WhenHolds = (when: RuleWhen, condition: IntakeCondition) => boolean;

let ruleCheck: WhenHolds | null = null;
let ruleCheckLoading: Promise<WhenHolds> | null = null;

/**
 * Loads the core's rule test. It is not part of the first page: it brings the core's ids and with them zod, so it
 * comes once the page has loaded (app.tsx asks while the browser is idle) or as soon as a condition is ticked.
 */
export function ruleCheckLoaded(): Promise<WhenHolds> {
  ruleCheckLoading ??= import('../../src/core/rule-match.js').then((m) => {
    ruleCheck = m.whenHolds;
    return m.whenHolds;
  });
  return ruleCheckLoading;
}

/** The rule test once loaded (null until then); asks for it when `isNeeded`. */
function useRuleCheck(isNeeded: boolean): WhenHolds | null {
  const [check, setCheck] = useState<WhenHolds | null>(() => ruleCheck);
  useEffect(() => {
    if (check || !isNeeded) return;
    let isCurrent = true;
    void ruleCheckLoaded().then((loaded) => {
      if (isCurrent) setCheck(() => loaded);
    });
    return () => {
      isCurrent = false;
    };
  }, [check, isNeeded]);
  return check;
}

/** The refusal reasons a ticked condition's answers already imply (the rules file's, read as the planner does). */
export function refusalsFor(
  whenHolds: WhenHolds,
  id: ConditionId,
  c: ConditionValues,
  language: UiLanguage,
): string[] {
  if (!c.isChecked) return [];
  const condition = conditionFromForm(id, c) as IntakeCondition;
  return intakeHints.refusals
    .filter((r) => whenHolds(r.when, condition))
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
  hint?: string;
}) {
  const { id, label, value, options, errors, onChange, hint } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <select
        id={id}
        value={value}
        aria-invalid={errors[id] ? true : undefined}
        aria-describedby={describedBy(id, errors, hintId)}
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

/** Height and weight of the client (and age) or of the practitioner (with why it is asked). */
function BodyFields(props: {
  who: 'client' | 'practitioner';
  legend: string;
  labels: { heightCm: string; weightKg: string };
  values: IntakeFormValues;
  errors: FieldErrors;
  onChange: (values: IntakeFormValues) => void;
}) {
  const { who, legend, labels, values, errors, onChange } = props;
  const t = intakeStrings(values.language);
  const height = `${who}Height` as const;
  const weight = `${who}Weight` as const;
  return (
    <fieldset className="group" aria-describedby={who === 'practitioner' ? 'practitioner-why' : undefined}>
      <legend>{legend}</legend>
      {who === 'practitioner' ? (
        <p className="hint" id="practitioner-why">
          {t.practitionerHint}
        </p>
      ) : null}
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
      {who === 'client' ? (
        <NumberField
          id="client-age"
          label={t.age}
          hint={t.ageHint}
          value={values.clientAge}
          errors={errors}
          onChange={(value) => onChange({ ...values, clientAge: value })}
        />
      ) : null}
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

/** A yes/no question with neither answer chosen at first; unanswered is the cautious reading. */
function YesNoField(props: {
  id: string;
  question: string;
  value: YesNo;
  t: IntakeStrings;
  errors: FieldErrors;
  onChange: (value: YesNo) => void;
}) {
  const { id, question, value, t, errors, onChange } = props;
  return (
    <fieldset className="field yes-no" id={id} aria-describedby={describedBy(id, errors, `${id}-hint`)}>
      <legend>{question}</legend>
      <div className="choices">
        {(['yes', 'no'] as const).map((v) => (
          <div className="check" key={v}>
            <input
              id={`${id}-${v}`}
              type="radio"
              name={id}
              value={v}
              checked={value === v}
              onChange={() => onChange(v)}
            />
            <label htmlFor={`${id}-${v}`}>{t[v]}</label>
          </div>
        ))}
      </div>
      <p className="hint" id={`${id}-hint`}>
        {t.unansweredHint}
      </p>
      <FieldError id={id} errors={errors} />
    </fieldset>
  );
}

/** The follow-up questions a ticked condition needs, and only those (CONDITION_FIELDS, narrowed by answers). */
function ConditionDetails(props: {
  id: ConditionId;
  c: ConditionValues;
  s: UiStrings;
  language: UiLanguage;
  errors: FieldErrors;
  onChange: (c: ConditionValues) => void;
}) {
  const { id, c, s, language, errors, onChange } = props;
  const t = intakeStrings(language);
  const fields = CONDITION_FIELDS[id];
  const base = `cond-${id}`;
  const values = CONDITION_VALUES[id] ?? {};
  const weeks = Number(c.weeks.trim().replace(',', '.'));
  // Clearance is asked only where it changes the plan: a severe (or unsure) vein, a recent (or undated) neck
  // injury, a pregnancy not known to be low-risk.
  const isClearanceAsked =
    fields.includes('isCleared') &&
    !(id === 'varicose-veins' && c.severity === 'mild') &&
    !(id === 'neck-injury' && c.weeks.trim() !== '' && weeks >= 6) &&
    !(id === 'pregnancy' && c.isHighRisk === 'no');
  const severityOptions: [string, string][] =
    id === 'high-blood-pressure'
      ? [
          ['', t.notSure],
          ['controlled', t.bpControlled],
          ['uncontrolled', t.bpUncontrolled],
        ]
      : [
          ['', t.notSure],
          ['mild', t.severityMild],
          ['severe', t.severitySevere],
        ];
  const kindOptions: [string, string][] =
    id === 'implanted-device'
      ? [
          ['', t.kindNotSaid],
          ['pacemaker', t.devicePacemaker],
          ['port', t.devicePort],
          ['other', t.deviceOther],
        ]
      : [
          ['', t.kindNotSaid],
          ['wound', s.kindWound],
          ['bruise', s.kindBruise],
          ['fracture', s.kindFracture],
          ['recent-surgery', s.kindSurgery],
          ['skin-infection', s.kindInfection],
        ];
  const isJoint = values.region !== undefined && values.region.length <= 2;
  const sideOptions: [string, string][] = [
    ['', t.sideNotSaid],
    ['left', s.sideLeft],
    ['right', s.sideRight],
    ['both', s.sideBoth],
  ];
  return (
    <div className="condition-details">
      {fields.includes('region') ? (
        <SelectField
          id={`${base}-region`}
          label={isJoint ? t.jointQuestion : s.lesionRegion}
          value={c.region}
          options={
            isJoint
              ? [
                  ['', '—'],
                  ['hip', t.jointHip],
                  ['knee', t.jointKnee],
                ]
              : regionOptions(language)
          }
          errors={errors}
          onChange={(region) => onChange({ ...c, region })}
        />
      ) : null}
      {fields.includes('side') ? (
        <SelectField
          id={`${base}-side`}
          label={s.side}
          value={c.side}
          options={sideOptions}
          errors={errors}
          onChange={(side) => onChange({ ...c, side: side as ConditionValues['side'] })}
        />
      ) : null}
      {fields.includes('kind') ? (
        <SelectField
          id={`${base}-kind`}
          label={id === 'implanted-device' ? t.deviceQuestion : s.lesionKind}
          value={c.kind}
          options={kindOptions}
          errors={errors}
          onChange={(kind) => onChange({ ...c, kind })}
        />
      ) : null}
      {fields.includes('severity') ? (
        <SelectField
          id={`${base}-severity`}
          label={s.severity}
          value={c.severity}
          options={severityOptions}
          hint={id === 'high-blood-pressure' ? t.bpNotSaidHint : t.severityNotSaidHint}
          errors={errors}
          onChange={(severity) => onChange({ ...c, severity: severity as ConditionValues['severity'] })}
        />
      ) : null}
      {fields.includes('level') ? (
        <SelectField
          id={`${base}-level`}
          label={t.levelQuestion}
          value={c.level}
          options={[
            ['', t.notSure],
            ['lumbar', t.levelLumbar],
            ['cervical', t.levelCervical],
          ]}
          hint={t.levelNotSaid}
          errors={errors}
          onChange={(level) => onChange({ ...c, level: level as ConditionValues['level'] })}
        />
      ) : null}
      {fields.includes('weeks') ? (
        <NumberField
          id={`${base}-weeks`}
          label={t.weeksQuestion[id] ?? s.weeks}
          value={c.weeks}
          errors={errors}
          {...(id === 'pregnancy' ? {} : { hint: t.weeksHint })}
          onChange={(value) => onChange({ ...c, weeks: value })}
        />
      ) : null}
      {fields.includes('isHighRisk') ? (
        <YesNoField
          id={`${base}-isHighRisk`}
          question={t.highRiskQuestion}
          value={c.isHighRisk}
          t={t}
          errors={errors}
          onChange={(isHighRisk) => onChange({ ...c, isHighRisk })}
        />
      ) : null}
      {fields.includes('hasRedFlags') ? (
        <YesNoField
          id={`${base}-hasRedFlags`}
          question={t.redFlagsQuestion}
          value={c.hasRedFlags}
          t={t}
          errors={errors}
          onChange={(hasRedFlags) => onChange({ ...c, hasRedFlags })}
        />
      ) : null}
      {fields.includes('hasNeuropathy') ? (
        <YesNoField
          id={`${base}-hasNeuropathy`}
          question={t.neuropathyQuestion}
          value={c.hasNeuropathy}
          t={t}
          errors={errors}
          onChange={(hasNeuropathy) => onChange({ ...c, hasNeuropathy })}
        />
      ) : null}
      {fields.includes('lymphNodesRemovedSide') ? (
        <SelectField
          id={`${base}-lymphNodesRemovedSide`}
          label={t.lymphQuestion}
          value={c.lymphNodesRemovedSide}
          options={[
            ['', t.lymphNone],
            ['left', s.sideLeft],
            ['right', s.sideRight],
            ['both', s.sideBoth],
          ]}
          errors={errors}
          onChange={(side) =>
            onChange({ ...c, lymphNodesRemovedSide: side as ConditionValues['lymphNodesRemovedSide'] })
          }
        />
      ) : null}
      {isClearanceAsked ? (
        <div className="field check">
          <input
            id={`${base}-isCleared`}
            type="checkbox"
            checked={c.isCleared}
            onChange={(e) => onChange({ ...c, isCleared: e.target.checked })}
          />
          <label htmlFor={`${base}-isCleared`}>{t.clearedQuestion[id] ?? s.isCleared}</label>
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
  const check = useRuleCheck(c.isChecked);
  const refusals = check ? refusalsFor(check, id, c, language) : [];
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

/** The last client's answers, offered (never applied) when a new session starts, and who they belong to. */
export interface LastAnswers {
  readonly form: IntakeFormValues;
  /** Whose answers these are, in words: when they were given, and a few of them. */
  readonly who: string;
}

/** The intake form: body sizes, conditions by group, areas to avoid, pressure, length and language. */
export function IntakeForm(props: {
  values: IntakeFormValues;
  errors: FieldErrors;
  isBusy: boolean;
  /** Offered as an explicit choice when the form is new and empty. */
  lastAnswers?: LastAnswers | null;
  /** Set when the form holds answers reused from the last client: whose they are. */
  reusedFrom?: string | null;
  onReuse?: () => void;
  onChange: (values: IntakeFormValues) => void;
  onSubmit: () => void;
}) {
  const { values, errors, isBusy, lastAnswers, reusedFrom, onReuse, onChange, onSubmit } = props;
  const language = values.language;
  const s = uiStrings(language);
  const t = intakeStrings(language);
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
      {reusedFrom ? (
        <p className="reuse-notice is-reused" role="status">
          {t.reusedNotice(reusedFrom)}
        </p>
      ) : lastAnswers && onReuse ? (
        <div className="reuse-notice">
          <p>{t.newSessionEmpty}</p>
          <button type="button" className="secondary" onClick={onReuse}>
            {t.reuseLast(lastAnswers.who)}
          </button>
        </div>
      ) : null}

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
        {CONDITION_GROUPS.map((group) => (
          <fieldset className="condition-group" id={`group-${group.id}`} key={group.id}>
            <legend>{group.title[language]}</legend>
            <ul className="conditions">
              {group.conditions.map((id) => (
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
        ))}
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
