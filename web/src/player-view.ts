// What the player's text shows, worked out from the session player and a moment: it changes about once a second,
// so React renders only when one of these values does, never per frame.
import type { Moment } from '../../src/core/moment.js';
import type { Plan } from '../../src/core/plan-types.js';
import { momentAt } from '../../src/core/timeline.js';
import { bodyMap } from './body-map.js';
import { sideText, type UiLanguage, uiStrings } from './i18n.js';
import type { SessionPlayer } from './session-player.js';

/** What the text of the player shows. */
export interface PlayerView {
  readonly stepIndex: number;
  /** The running part of a step in parts: its number and title, or null. */
  readonly partTitle: string | null;
  readonly stepLeft: number;
  readonly sessionLeft: number;
  readonly repetition: number;
  readonly repetitions: number;
  readonly cue: string;
  readonly cueKind: string;
  readonly progressT: number;
  readonly isPlaying: boolean;
  /** Whole seconds left of the get-ready countdown, or null outside it. */
  readonly getReadyLeft: number | null;
}

/** The view of the player now (at `moment`, when the caller has it already). */
export function viewOf(
  player: Pick<SessionPlayer, 'plan' | 't' | 'getReady' | 'isPlaying'>,
  moment?: Moment,
) {
  const m = moment ?? momentAt(player.plan, player.t, bodyMap);
  const ready = player.getReady;
  const view: PlayerView = {
    stepIndex: m.stepIndex,
    partTitle: m.part ? `${m.partIndex + 1}. ${m.part.title}` : null,
    stepLeft: Math.ceil(m.stepTimeLeft - 1e-6),
    sessionLeft: Math.ceil(m.sessionTimeLeft - 1e-6),
    repetition: m.repetition,
    repetitions: m.repetitions,
    cue: m.cue?.text ?? '',
    cueKind: m.cue?.kind ?? '',
    progressT: Math.floor(m.t),
    isPlaying: player.isPlaying,
    getReadyLeft: ready ? Math.ceil(ready.secondsLeft - 1e-6) : null,
  };
  return view;
}

export function isSameView(a: PlayerView, b: PlayerView): boolean {
  return (Object.keys(a) as (keyof PlayerView)[]).every((k) => a[k] === b[k]);
}

/**
 * What changes as step `index` begins: the client's position (lying down from sitting, turning over, sitting up),
 * the side, or nothing.
 */
export function changeText(plan: Plan, index: number, language: UiLanguage): string {
  const s = uiStrings(language);
  const step = plan.steps[index];
  const prev = plan.steps[index - 1];
  if (!step || !prev) return '';
  if (prev.position !== step.position) {
    if (step.position === 'seated') return s.sitUp;
    if (prev.position === 'seated') return step.position === 'prone' ? s.lieProne : s.lieSupine;
    return s.turnOver;
  }
  if (prev.side && step.side && prev.side !== step.side)
    return s.switchTo(sideText(language, step.side) ?? '');
  return '';
}
