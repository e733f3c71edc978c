import { describe, expect, it } from 'vitest';
import { changeText, isSameView, viewOf } from './player-view.js';
import { samplePlan } from './sample-plan.test-support.js';

const plan = samplePlan();

describe('changeText', () => {
  it('says how the client moves where the position changes, to switch sides where the side does', () => {
    const texts = plan.steps.map((_, i) => changeText(plan, i, 'en'));
    const turns = plan.steps.flatMap((s, i) =>
      i > 0 && plan.steps[i - 1]!.position !== s.position ? [i] : [],
    );
    // The built-in routine: down from sitting, then over onto the back (it ends lying down).
    expect(turns.map((i) => texts[i])).toEqual(['Ask the client to lie face down.', 'Turn the client over.']);
    const seated = {
      ...plan,
      steps: plan.steps.map((s, i) => (i === 2 ? { ...s, position: 'seated' as const } : s)),
    };
    expect(changeText(seated, 2, 'en')).toBe('Help the client sit up, slowly.');
    expect(changeText(seated, 3, 'ru')).toBe('Попросите клиента лечь на живот.');
    const switches = plan.steps.flatMap((s, i) => {
      const prev = plan.steps[i - 1];
      return prev && prev.position === s.position && prev.side && s.side && prev.side !== s.side ? [i] : [];
    });
    expect(switches.length).toBeGreaterThan(0);
    for (const i of switches) expect(texts[i]).toMatch(/^Switch to the (left|right) side\.$/);
    // Nothing else is announced, and never before the first step.
    expect(texts[0]).toBe('');
    for (const [i, text] of texts.entries())
      if (!turns.includes(i) && !switches.includes(i)) expect(text).toBe('');
    expect(changeText(plan, turns[1]!, 'ru')).toBe('Помогите клиенту перевернуться.');
  });
});

describe('viewOf', () => {
  const player = (t: number, getReady: { secondsLeft: number } | null = null, isPlaying = true) => ({
    plan,
    t,
    getReady: getReady as never,
    isPlaying,
  });

  it('changes about once a second, not every frame', () => {
    const step = plan.steps[1]!;
    const a = viewOf(player(step.start + 2.01));
    expect(isSameView(a, viewOf(player(step.start + 2.02)))).toBe(true);
    expect(isSameView(a, viewOf(player(step.start + 3.5)))).toBe(false);
    expect(isSameView(a, viewOf(player(step.start + 2.02, null, false)))).toBe(false);
  });

  it('counts the get-ready seconds up to whole seconds, and is null outside it', () => {
    expect(viewOf(player(0, { secondsLeft: 4.2 })).getReadyLeft).toBe(5);
    expect(viewOf(player(0, { secondsLeft: 5 })).getReadyLeft).toBe(5);
    expect(viewOf(player(0)).getReadyLeft).toBeNull();
  });
});
