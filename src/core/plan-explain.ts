import type { Language, Side } from './ids.js';
import type { ExcludedRegion, PlannedStep, SkippedStep } from './plan-types.js';
import { textIn } from './planner-text.js';

/** One rule that changed the plan because of the client's answers, and everything it changed, said once. */
export interface PlanReason {
  readonly rule: string;
  /** The rule's name (a condition, or what the client asked). */
  readonly title: string;
  /** Why, in the plan's language (each distinct reason once). */
  readonly reasons: readonly string[];
  /** What it changed, one short sentence each: steps and regions by name, with their sides. */
  readonly changes: readonly string[];
}

/** What the explanation needs besides the plan's parts: names in the plan's language. */
export interface ExplainInput {
  readonly language: Language;
  readonly steps: readonly PlannedStep[];
  readonly skipped: readonly SkippedStep[];
  readonly excludedRegions: readonly ExcludedRegion[];
  readonly warnings: readonly { rule: string; message: string }[];
  /** Rules that apply to every client (the spine, the groin): not "because of your answers". */
  readonly alwaysOn: ReadonlySet<string>;
  readonly ruleTitle: (rule: string) => string | undefined;
  readonly stepTitle: (id: string) => string;
  readonly regionName: (region: string) => string;
}

const words = {
  leftOut: { en: 'Left out', ru: 'Пропущено' },
  softer: { en: 'Softer', ru: 'Мягче' },
  fewer: { en: 'Fewer repetitions', ru: 'Меньше повторений' },
  notTouched: { en: 'Not touched', ru: 'Не трогаем' },
  shorter: { en: 'Cut short', ru: 'Короче' },
  addedCue: { en: 'An added safety reminder', ru: 'Дополнительное напоминание' },
  partLeftOut: { en: 'A part left out', ru: 'Часть пропущена' },
  left: { en: 'left', ru: 'слева' },
  right: { en: 'right', ru: 'справа' },
  to: { en: 'to', ru: 'до' },
} as const;

const CHANGE_LABELS: readonly (readonly [string, { en: string; ru: string }])[] = [
  ['soften', words.softer],
  ['limit-reps', words.fewer],
  ['exclude-region', words.shorter],
  ['drop-part', words.partLeftOut],
  ['replace', words.addedCue],
];

/** Names of rules the planner itself applies for an answer (minutes, pressure, areas to avoid). */
const plannerRuleTitles: Record<string, { en: string; ru: string }> = {
  'session-length': { en: 'Session length', ru: 'Длительность сеанса' },
  'pressure-preference': { en: 'Pressure the client asked for', ru: 'Давление по просьбе клиента' },
  'client-avoid-region': {
    en: 'Areas the client asked to avoid',
    ru: 'Области, которые клиент просил не трогать',
  },
  'transition-not-needed': { en: 'No change of position', ru: 'Без смены положения' },
};

function sidesText(language: Language, sides: readonly (Side | null)[]): string {
  const named = [...new Set(sides.filter((s): s is Side => s !== null))].sort();
  if (named.length === 0) return '';
  return ` (${named.map((s) => textIn(language, words[s])).join(', ')})`;
}

/** A name with the sides it applies to. */
interface Named {
  readonly name: string;
  readonly sides: (Side | null)[];
}

/** Items grouped by name, keeping first-seen order, each with its sides. */
function grouped<T>(items: readonly T[], name: (t: T) => string, side: (t: T) => Side | null): Named[] {
  const out: Named[] = [];
  for (const item of items) {
    const key = name(item);
    let entry = out.find((e) => e.name === key);
    if (!entry) {
      entry = { name: key, sides: [] };
      out.push(entry);
    }
    entry.sides.push(side(item));
  }
  return out;
}

function listed(language: Language, entries: readonly Named[]): string {
  return entries.map((e) => `${e.name}${sidesText(language, e.sides)}`).join(', ');
}

/**
 * "Because of your answers": each rule that changed the plan for this client, once, with what it changed.
 * @remarks Always-on rules (the spine, the groin, the knee) are the routine's own design, not the client's answers.
 */
export function planReasons(input: ExplainInput): PlanReason[] {
  const { language } = input;
  const t = (w: { en: string; ru: string }) => textIn(language, w);
  const rules: string[] = [];
  const note = (rule: string) => {
    if (!input.alwaysOn.has(rule) && rule !== 'region-tolerance' && !rules.includes(rule)) rules.push(rule);
  };
  for (const s of input.skipped) note(s.rule);
  for (const step of input.steps) for (const c of step.changes) note(c.rule);
  for (const r of input.excludedRegions) note(r.rule);
  for (const w of input.warnings) note(w.rule);
  const changesByRule = new Map<string, { step: PlannedStep; c: PlannedStep['changes'][number] }[]>();
  for (const step of input.steps) {
    for (const c of step.changes) {
      const list = changesByRule.get(c.rule) ?? [];
      list.push({ step, c });
      changesByRule.set(c.rule, list);
    }
  }
  return rules.map((rule) => {
    const ruleChanges = changesByRule.get(rule) ?? [];
    const reasons = new Set<string>();
    const changes: string[] = [];
    const skipped = input.skipped.filter((s) => s.rule === rule);
    for (const s of skipped) reasons.add(s.reason);
    if (skipped.length > 0) {
      changes.push(
        `${t(words.leftOut)}: ${listed(
          language,
          grouped(
            skipped,
            (s) => input.stepTitle(s.id),
            (s) => s.side,
          ),
        )}.`,
      );
    }
    const byKind = (kind: string) => ruleChanges.filter(({ c }) => c.kind === kind);
    // What each kind of change did, in the order a reader wants it: softer, fewer, shorter, an added reminder.
    for (const [kind, label] of CHANGE_LABELS) {
      const found = byKind(kind);
      if (found.length === 0) continue;
      const named = listed(
        language,
        grouped(
          found,
          ({ step }) => step.title,
          ({ step }) => step.side,
        ),
      );
      const to =
        kind === 'soften' ? ` ${t(words.to)} ${Math.min(...found.map(({ c }) => Number(c.to ?? 5)))}` : '';
      changes.push(`${t(label)}: ${named}${to}.`);
      for (const { c } of found) reasons.add(c.reason);
    }
    const regions = input.excludedRegions.filter((r) => r.rule === rule);
    if (regions.length > 0) {
      changes.push(
        `${t(words.notTouched)}: ${listed(
          language,
          grouped(
            regions,
            (r) => input.regionName(r.region),
            (r) => r.side,
          ),
        )}.`,
      );
      for (const r of regions) reasons.add(r.reason);
    }
    for (const w of input.warnings) if (w.rule === rule) reasons.add(w.message);
    const planner = plannerRuleTitles[rule];
    const title = input.ruleTitle(rule) ?? (planner ? t(planner) : rule);
    return { rule, title, reasons: [...reasons], changes };
  });
}
