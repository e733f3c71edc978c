import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { el, num } from '../../render/svg.js';
import { isMovedUnderStep, RUN_STEP_PX } from './near-run.js';

const HEAD = '<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"><title>A</title>';
const run = (body: string) => `${HEAD}${body}</svg>`;
/** A hand-like shape at (x, y), written as the renderer writes numbers. */
const shape = (x: number, y: number, fill = '#cf9570', opacity?: string) =>
  el('path', {
    d: `M${num(x)} ${num(y)}L${num(x + 40.25)} ${num(y - 9.5)}L${num(x + 12)} ${num(y + 30)}Z`,
    fill,
    stroke: '#4d2c1a',
    'stroke-width': '3',
    'stroke-opacity': opacity,
  }) + el('circle', { cx: num(x + 5), cy: num(y + 5), r: num(13) });

describe('isMovedUnderStep', () => {
  it('takes a run whose shapes moved by under half a pixel as unchanged, and one moved by more as changed', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 1300, noNaN: true }),
        fc.double({ min: -50, max: 800, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (x, y, dx, dy) => {
          const a = run(shape(x, y));
          const b = run(shape(x + dx, y + dy));
          // Written to 0.1 px: every number moves by the move rounded, give or take 0.1.
          const most = Math.max(Math.abs(dx), Math.abs(dy));
          if (most < RUN_STEP_PX - 0.11) expect(isMovedUnderStep(a, b)).toBe(true);
          if (most >= RUN_STEP_PX + 0.11) expect(isMovedUnderStep(a, b)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads a number written shorter or longer whole (9.9 and 10, -0.2 and 0.1)', () => {
    expect(isMovedUnderStep(run(shape(9.9, 100)), run(shape(10, 100)))).toBe(true);
    expect(isMovedUnderStep(run(shape(-0.2, 100)), run(shape(0.1, 100)))).toBe(true);
    expect(isMovedUnderStep(run(shape(99.8, 100)), run(shape(100.2, 100)))).toBe(true);
    expect(isMovedUnderStep(run(shape(99.7, 100)), run(shape(100.3, 100)))).toBe(false);
  });

  it('takes any other change as a change: a colour, an opacity, a width, a word, a shape more or less', () => {
    const a = run(shape(100, 100));
    expect(isMovedUnderStep(a, run(shape(100, 100, '#cf9571')))).toBe(false);
    expect(
      isMovedUnderStep(run(shape(100, 100, '#cf9570', '0.45')), run(shape(100, 100, '#cf9570', '0.5'))),
    ).toBe(false);
    expect(isMovedUnderStep(a, a.replace('stroke-width="3"', 'stroke-width="3.2"'))).toBe(false);
    expect(
      isMovedUnderStep(
        run(`${shape(100, 100)}<text x="5" y="6">2:41</text>`),
        run(`${shape(100, 100)}<text x="5" y="6">2:40</text>`),
      ),
    ).toBe(false);
    expect(isMovedUnderStep(a, run(shape(100, 100) + shape(300, 300)))).toBe(false);
    expect(isMovedUnderStep(run(shape(100, 100) + shape(300, 300)), a)).toBe(false);
    // A difference right after a number, which is the same in both.
    expect(isMovedUnderStep(run('<path d="M12 5L3 4"/>'), run('<path d="M12L5 3 4"/>'))).toBe(false);
    expect(isMovedUnderStep(run('<path d="M12 5"/>'), run('<path d="M12 5Z"/>'))).toBe(false);
    // An arc's flag is a number, not a place.
    const arc = (flag: number) => run(`<path d="M10 10a5 5 0 ${flag} 1 10 0"/>`);
    expect(isMovedUnderStep(arc(0), arc(1))).toBe(false);
  });

  it('always ends, whatever the two texts (numbers, letters and quotes in any order)', () => {
    const piece = fc.constantFrom(
      'M',
      'L',
      ' ',
      '"',
      '="',
      'd',
      'x',
      '-',
      '.',
      '0',
      '1',
      '9',
      '12.5',
      '-3',
      'Z',
      '<',
      '/>',
    );
    const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(typeof isMovedUnderStep(a, b)).toBe('boolean');
        expect(isMovedUnderStep(a, a)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('moves a group by translate only: a turn or a scale is a change', () => {
    const g = (t: string) => run(`<g transform="${t}">${shape(0, 0)}</g>`);
    expect(isMovedUnderStep(g('translate(100 200)'), g('translate(100.4 199.7)'))).toBe(true);
    expect(isMovedUnderStep(g('translate(100 200)'), g('translate(101 200)'))).toBe(false);
    expect(isMovedUnderStep(g('rotate(10 5 5)'), g('rotate(10.2 5 5)'))).toBe(false);
    expect(isMovedUnderStep(g('scale(1)'), g('scale(1.2)'))).toBe(false);
  });
});
