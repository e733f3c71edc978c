// The printed handout in the browser: the same HTML the CLI prints to PDF (src/export/handout/handout-html.ts),
// printed from a hidden frame (the browser's print dialog also saves it as PDF) or downloaded as a file.
import type { Plan } from '../../src/core/plan-types.js';
import type { Routine } from '../../src/core/routine.js';
import type { Rule } from '../../src/core/rules.js';
import { handoutHtml } from '../../src/export/handout/handout-html.js';
import { bodyMap } from './body-map.js';
import routineJson from './generated/routine.json';
import rulesJson from './generated/rules.json';

/** The handout page of a plan, with the compiled routine and rules. */
export function planHandoutHtml(plan: Plan): string {
  return handoutHtml({ plan, bodyMap, routine: routineJson as Routine, rules: rulesJson as Rule[] });
}

/** Opens the browser's print dialog on the handout (a hidden frame, so no pop-up is needed). */
export function printHandout(plan: Plan): void {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  frame.srcdoc = planHandoutHtml(plan);
  frame.addEventListener('load', () => {
    frame.contentWindow?.focus();
    frame.contentWindow?.print();
    // The dialog is modal in most browsers; the frame goes once it is closed (or after a minute).
    setTimeout(() => frame.remove(), 60_000);
  });
  document.body.append(frame);
}

/** Saves the handout as an HTML file (open it and print, or keep it). */
export function downloadHandout(plan: Plan): void {
  const url = URL.createObjectURL(new Blob([planHandoutHtml(plan)], { type: 'text/html;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `massage-plan-${plan.routineId}-${Math.round(plan.totalSeconds / 60)}min.html`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
