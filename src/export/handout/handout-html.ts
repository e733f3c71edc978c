// The handout as one HTML page (A4 print CSS): pure string building from the plan, the routine and the rules, so
// the CLI prints the same page to PDF that the web plan view opens for printing. No I/O, no clock.

import type { BodyMap } from '../../core/body-map.js';
import type { Language } from '../../core/ids.js';
import type { Plan, PlannedStep } from '../../core/plan-types.js';
import type { Routine } from '../../core/routine.js';
import type { Rule } from '../../core/rules.js';
import { momentAt } from '../../core/timeline.js';
import { momentView } from '../../render/moment-view.js';
import { renderMoment } from '../../render/render-moment.js';
import { viewLayout } from '../../render/view.js';

/** What the handout is made of. */
export interface HandoutInput {
  readonly plan: Plan;
  /** The body map the plan was made on (the pictures draw on it). */
  readonly bodyMap: BodyMap;
  /** The routine the plan came from: its title, and each step's cautions (rule ids). */
  readonly routine?: Routine | undefined;
  /** The rules: the always-on ones are the general safety rules; cautions are named by their titles. */
  readonly rules: readonly Rule[];
}

/** How the page is dressed. */
export interface HandoutOptions {
  /** `@font-face` rules (the PDF printer embeds the shipped Noto Sans; the web app has its own fonts). */
  readonly fontFaceCss?: string;
  /** A line under the title, e.g. the client's name or the date (the core reads no clock). */
  readonly subtitle?: string;
}

/** The handout's own words, per language. */
const WORDS = {
  en: {
    heading: 'Massage plan',
    total: 'Session',
    steps: 'steps',
    minutes: 'min',
    safetyTitle: 'Safety, every session',
    warningsTitle: 'For this client',
    leftOutTitle: 'Left out for this client',
    changedTitle: 'Changed for this client',
    scheduleTitle: 'The plan',
    time: 'Time',
    step: 'Step',
    side: 'Side',
    pressure: 'Pressure',
    reps: 'Reps',
    left: 'left',
    right: 'right',
    both: 'both / middle',
    none: '—',
    say: 'What to do',
    cautions: 'Take care',
    stepsTitle: 'Step by step',
    noneLeftOut: 'Nothing is left out.',
    footer: 'Stop at once if the client feels pain. This handout does not replace a doctor’s advice.',
  },
  ru: {
    heading: 'План массажа',
    total: 'Сеанс',
    steps: 'шагов',
    minutes: 'мин',
    safetyTitle: 'Безопасность на каждом сеансе',
    warningsTitle: 'Для этого клиента',
    leftOutTitle: 'Пропущено для этого клиента',
    changedTitle: 'Изменено для этого клиента',
    scheduleTitle: 'План',
    time: 'Время',
    step: 'Шаг',
    side: 'Сторона',
    pressure: 'Давление',
    reps: 'Повт.',
    left: 'левая',
    right: 'правая',
    both: 'обе / середина',
    none: '—',
    say: 'Что делать',
    cautions: 'Осторожно',
    stepsTitle: 'Шаг за шагом',
    noneLeftOut: 'Ничего не пропущено.',
    footer: 'Сразу остановитесь, если клиенту больно. Эта памятка не заменяет совет врача.',
  },
} as const satisfies Record<Language, Record<string, string>>;

/** Text made safe for HTML. */
export function htmlEscaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A time of the session as m:ss (or h:mm:ss). */
function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

function localized(text: { en: string; ru?: string | undefined } | undefined, language: Language): string {
  if (!text) return '';
  return (language === 'ru' ? text.ru : undefined) ?? text.en;
}

/** The moment a step's picture shows: well into its first repetition (as the web plan view's still). */
export function handoutStillTime(step: Pick<PlannedStep, 'start' | 'duration' | 'reps'>): number {
  const rep = step.duration / Math.max(1, step.reps);
  return step.start + Math.min(step.duration, rep * 0.45);
}

const PICTURE_WIDTH = 640;
const PICTURE_HEIGHT = 360;

/** The picture of a step from its view: its moment drawn without the captions (the handout says it in text). */
function stepPictureSvg(plan: Plan, step: PlannedStep, index: number, bodyMap: BodyMap): string {
  // The captions band is left out and cut off: the handout says it in text.
  const crop = Math.round(
    viewLayout({
      width: PICTURE_WIDTH,
      height: PICTURE_HEIGHT,
      position: step.position === 'supine' ? 'supine' : 'prone',
    }).captionTop,
  );
  const head = `width="${PICTURE_WIDTH}" height="${PICTURE_HEIGHT}" viewBox="0 0 ${PICTURE_WIDTH} ${PICTURE_HEIGHT}"`;
  const moment = momentAt(plan, handoutStillTime(step), bodyMap);
  return renderMoment(moment, {
    bodyMap,
    // From the view that shows it: a lift from the side, the neck from the head end.
    view: momentView(moment),
    width: PICTURE_WIDTH,
    height: PICTURE_HEIGHT,
    language: plan.language,
    theme: 'light',
    excluded: plan.excludedRegions,
    layers: ['table', 'body', 'safety', 'path', 'hands', 'marks', 'place'],
    idPrefix: `s${index}`,
  })
    .replace(head, `viewBox="0 0 ${PICTURE_WIDTH} ${crop}" preserveAspectRatio="xMidYMid meet"`)
    .replace('<svg ', '<svg class="picture" aria-hidden="true" ');
}

/** A text as a sentence: with a full stop when it ends without punctuation. */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?…:;]$/.test(t) ? t : `${t}.`;
}

function routineStepTitles(routine: Routine | undefined, language: Language): Map<string, string> {
  const titles = new Map<string, string>();
  for (const section of routine?.sections ?? []) {
    for (const step of section.steps) titles.set(step.id, localized(step.title, language));
  }
  return titles;
}

function routineStepCautions(routine: Routine | undefined): Map<string, readonly string[]> {
  const cautions = new Map<string, readonly string[]>();
  for (const section of routine?.sections ?? []) {
    for (const step of section.steps) cautions.set(step.id, step.cautions ?? []);
  }
  return cautions;
}

/** The style of the page: A4, black on white, sized for reading at arm's length beside the table. */
function handoutCss(fontFaceCss: string): string {
  return `${fontFaceCss}
@page { size: A4; margin: 14mm 14mm 16mm; }
* { box-sizing: border-box; }
html { font-family: 'Noto Sans', system-ui, sans-serif; font-size: 10.5pt; line-height: 1.35; color: #000; background: #fff; }
body { margin: 0; }
h1 { font-size: 20pt; margin: 0 0 2pt; font-weight: 600; }
h2 { font-size: 13pt; margin: 12pt 0 4pt; font-weight: 600; border-bottom: 1.5pt solid #000; padding-bottom: 2pt; break-after: avoid; }
.subtitle { margin: 0 0 6pt; font-size: 11pt; }
.summary { display: flex; gap: 14pt; margin: 4pt 0 8pt; font-size: 11pt; }
.summary b { font-weight: 600; }
ul { margin: 2pt 0 4pt; padding-left: 14pt; }
li { margin: 1.5pt 0; }
.rule b, .reason b { font-weight: 600; }
.box { border: 1.2pt solid #000; padding: 4pt 8pt; margin: 6pt 0; break-inside: avoid; }
.box h2 { border: none; margin-top: 2pt; }
table.schedule { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
table.schedule th { text-align: left; border-bottom: 1.2pt solid #000; padding: 2pt 4pt; font-weight: 600; }
table.schedule td { border-bottom: 0.5pt solid #777; padding: 2pt 4pt; vertical-align: top; }
table.schedule td.num, table.schedule th.num { text-align: right; white-space: nowrap; }
table.schedule tr { break-inside: avoid; }
.steps { break-before: page; }
.card { display: grid; grid-template-columns: 84mm 1fr; gap: 8pt; padding: 6pt 0; border-bottom: 0.8pt solid #000; break-inside: avoid; }
.card h3 { margin: 0 0 2pt; font-size: 12pt; font-weight: 600; }
.card .number { display: inline-block; min-width: 1.6em; }
.facts { margin: 0 0 3pt; font-size: 9.5pt; }
.facts span + span::before { content: ' · '; }
.card p { margin: 2pt 0; }
.label { font-weight: 600; }
.cautions { border-left: 2.5pt solid #000; padding-left: 5pt; margin-top: 3pt; }
.parts { margin: 2pt 0 3pt; padding-left: 12pt; } .parts li { margin: 1pt 0; } .parts .time { color: #444; font-variant-numeric: tabular-nums; }
.picture { width: 84mm; height: auto; border: 0.6pt solid #000; display: block; }
footer { margin-top: 10pt; font-size: 9pt; }
@media screen { body { max-width: 190mm; margin: 12mm auto; } }
`;
}

/** The handout for a plan: safety and the client's changes first, then the timetable, then every step with its picture. */
export function handoutHtml(input: HandoutInput, options: HandoutOptions = {}): string {
  const { plan, routine, rules } = input;
  const language = plan.language;
  const w = WORDS[language];
  const title = routine ? localized(routine.title, language) : plan.routineId;
  const stepTitles = routineStepTitles(routine, language);
  const stepCautions = routineStepCautions(routine);
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const sideText = (side: PlannedStep['side']) =>
    side === 'left' ? w.left : side === 'right' ? w.right : w.both;

  const general = rules
    .filter((r) => 'always' in r.when)
    .map((r) => {
      const reason = r.effects.map((e) => localized(e.reason, language)).find((t) => t !== '');
      return `<li class="rule"><b>${htmlEscaped(localized(r.title, language))}.</b>${reason ? ` ${htmlEscaped(reason)}` : ''}</li>`;
    })
    .join('');
  const warnings = plan.warnings.map((wn) => `<li>${htmlEscaped(wn.message)}</li>`).join('');
  const skipped = plan.skipped
    .map((s) => {
      const name = stepTitles.get(s.id) ?? s.id;
      return `<li class="reason" data-step-id="${htmlEscaped(s.id)}"><b>${htmlEscaped(name)}${s.side ? ` (${sideText(s.side)})` : ''}:</b> ${htmlEscaped(s.reason)}</li>`;
    })
    .join('');
  const changed = plan.steps
    .flatMap((s) =>
      s.changes.map((c) => {
        const values = c.kind === 'soften' && c.from != null && c.to != null ? ` (${c.from} → ${c.to})` : '';
        return `<li class="reason"><b>${htmlEscaped(s.title)}${s.side ? ` (${sideText(s.side)})` : ''}${values}:</b> ${htmlEscaped(c.reason)}</li>`;
      }),
    )
    .filter((li, i, all) => all.indexOf(li) === i)
    .join('');
  const excluded = plan.excludedRegions
    .filter((r) => !ruleById.get(r.rule) || !('always' in ruleById.get(r.rule)!.when))
    .map((r) => `<li class="reason">${htmlEscaped(r.reason)}</li>`)
    .join('');

  const rows = plan.steps
    .map(
      (s, i) =>
        `<tr><td class="num">${i + 1}</td><td class="num">${clock(s.start)}–${clock(s.start + s.duration)}</td><td>${htmlEscaped(s.title)}</td><td>${s.side ? sideText(s.side) : w.none}</td><td class="num">${s.pressure === null ? w.none : `${s.pressure}/5`}</td><td class="num">${s.reps}</td></tr>`,
    )
    .join('');

  const cards = plan.steps
    .map((s, i) => {
      const say = [s.cues.before, ...s.cues.during].filter((t) => t.trim() !== '');
      const cautionTitles = (stepCautions.get(s.id) ?? [])
        .map((id) => ruleById.get(id))
        .filter((r): r is Rule => r !== undefined)
        .map((r) => localized(r.title, language));
      const cautions = [
        ...(s.cues.safety ? [s.cues.safety] : []),
        ...s.changes.map((c) => c.reason),
        ...cautionTitles,
      ].filter((t, k, all) => all.indexOf(t) === k);
      return `<section class="card" data-step-id="${htmlEscaped(s.id)}">
${stepPictureSvg(plan, s, i, input.bodyMap)}
<div><h3><span class="number">${i + 1}.</span>${htmlEscaped(s.title)}</h3>
<p class="facts"><span>${clock(s.start)}–${clock(s.start + s.duration)}</span><span>${w.side}: ${s.side ? sideText(s.side) : w.none}</span><span>${w.pressure}: ${s.pressure === null ? w.none : `${s.pressure}/5`}</span><span>${w.reps}: ${s.reps}</span></p>
<p><span class="label">${w.say}:</span> ${htmlEscaped(say.map(sentence).join(' '))}</p>
${partsHtml(s)}
${cautions.length > 0 ? `<p class="cautions"><span class="label">${w.cautions}:</span> ${htmlEscaped(cautions.map(sentence).join(' '))}</p>` : ''}
</div></section>`;
    })
    .join('\n');

  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${htmlEscaped(`${w.heading}: ${title}`)}</title>
<style>${handoutCss(options.fontFaceCss ?? '')}</style></head>
<body>
<header><h1>${htmlEscaped(title)}</h1>
${options.subtitle ? `<p class="subtitle">${htmlEscaped(options.subtitle)}</p>` : ''}
<p class="summary"><span><b>${w.total}:</b> ${Math.round(plan.totalSeconds / 60)} ${w.minutes}</span><span><b>${plan.steps.length}</b> ${w.steps}</span></p></header>
<section class="box"><h2>${w.safetyTitle}</h2><ul>${general}</ul></section>
${warnings || excluded ? `<section class="box"><h2>${w.warningsTitle}</h2><ul>${warnings}${excluded}</ul></section>` : ''}
<section><h2>${w.leftOutTitle}</h2>${skipped ? `<ul>${skipped}</ul>` : `<p>${w.noneLeftOut}</p>`}</section>
${changed ? `<section><h2>${w.changedTitle}</h2><ul>${changed}</ul></section>` : ''}
<section><h2>${w.scheduleTitle}</h2>
<table class="schedule"><thead><tr><th class="num">#</th><th class="num">${w.time}</th><th>${w.step}</th><th>${w.side}</th><th class="num">${w.pressure}</th><th class="num">${w.reps}</th></tr></thead><tbody>${rows}</tbody></table></section>
<section class="steps"><h2>${w.stepsTitle}</h2>
${cards}
</section>
<footer>${w.footer}</footer>
</body></html>
`;
}

/** A step in parts on the handout: each part in order, its time and what is said in it. */
function partsHtml(step: PlannedStep): string {
  if (!step.parts || step.parts.length === 0) return '';
  const items = step.parts
    .map((part, k) => {
      const say = [part.cues.before, ...part.cues.during].filter((t) => t.trim() !== '');
      return `<li data-part-id="${htmlEscaped(part.id)}"><b>${k + 1}. ${htmlEscaped(part.title)}</b> <span class="time">${clock(part.start)}–${clock(part.start + part.duration)}</span>${say.length > 0 ? ` ${htmlEscaped(say.map(sentence).join(' '))}` : ''}</li>`;
    })
    .join('');
  return `<ol class="parts">${items}</ol>`;
}
