import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../src/core/records/session-event.js';
import { painColour, painMapSvg, painMarks } from './pain-map.js';

const AT = '2026-12-02T10:00:00Z';
const sides = { left: 'client’s left', right: 'client’s right' };

function pain(
  id: string,
  region: string | undefined,
  side: 'left' | 'right' | null,
  level: number,
): SessionEvent {
  return {
    id,
    kind: 'pain',
    t: 60,
    at: AT,
    stepId: null,
    side,
    level,
    ...(region ? { region } : {}),
  } as SessionEvent;
}

function regionPaths(svg: string | null): { region: string; level: number; ys: number[] }[] {
  return [
    ...(svg ?? '').matchAll(
      /<path class="pain-region" data-region="([^"]+)" data-level="(\d+)" d="([^"]+)"/g,
    ),
  ].map((m) => ({
    region: m[1]!,
    level: Number(m[2]),
    ys: [...m[3]!.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((p) => Number(p[1])),
  }));
}

describe('pain reports on the body map', () => {
  it('keeps the pain events that name an area, with their level and side', () => {
    const marks = painMarks([
      pain('a', 'back.scapula', 'right', 3),
      pain('b', undefined, null, 5),
      { id: 'c', kind: 'next', t: 1, at: AT, stepId: null, side: null } as SessionEvent,
    ]);
    expect(marks).toEqual([{ eventId: 'a', region: 'back.scapula', side: 'right', level: 3, t: 60 }]);
  });

  it('draws a one-sided report on its side only, a report of both sides on both', () => {
    const right = regionPaths(
      painMapSvg(painMarks([pain('a', 'back.scapula', 'right', 3)]), {
        surface: 'posterior',
        language: 'en',
        label: 'x',
        sides,
      }),
    );
    const left = regionPaths(
      painMapSvg(painMarks([pain('a', 'back.scapula', 'left', 3)]), {
        surface: 'posterior',
        language: 'en',
        label: 'x',
        sides,
      }),
    );
    expect(right).toHaveLength(1);
    expect(left).toHaveLength(1);
    // Seen from behind (prone), the client's right lies toward the top of the picture.
    const mean = (ys: number[]) => ys.reduce((s, y) => s + y, 0) / ys.length;
    expect(mean(right[0]!.ys)).toBeLessThan(mean(left[0]!.ys));
    const both = regionPaths(
      painMapSvg(painMarks([pain('a', 'hip.gluteal', null, 6)]), {
        surface: 'posterior',
        language: 'en',
        label: 'x',
        sides,
      }),
    );
    expect(both.map((p) => p.region)).toEqual(['hip.gluteal', 'hip.gluteal']);
  });

  it('puts each report on its own surface, with its level in a badge', () => {
    const marks = painMarks([pain('a', 'neck.posterior', null, 8), pain('b', 'chest.sternum', null, 2)]);
    const back = painMapSvg(marks, { surface: 'posterior', language: 'ru', label: 'Спина', sides });
    const front = painMapSvg(marks, { surface: 'anterior', language: 'ru', label: 'Грудь', sides });
    expect(regionPaths(back).map((p) => [p.region, p.level])).toEqual([['neck.posterior', 8]]);
    expect(regionPaths(front).map((p) => [p.region, p.level])).toEqual([['chest.sternum', 2]]);
    expect(back).toContain('>8</text>');
    expect(back).toContain('aria-label="Спина"');
    expect(back).toContain('client’s right');
  });

  it('draws nothing for a side with no report, or an area the map does not know', () => {
    const marks = painMarks([pain('a', 'back.scapula', 'left', 4), pain('b', 'no.such-area', null, 9)]);
    expect(painMapSvg(marks, { surface: 'anterior', language: 'en', label: 'x', sides })).toBeNull();
    expect(
      regionPaths(painMapSvg(marks, { surface: 'posterior', language: 'en', label: 'x', sides })),
    ).toHaveLength(1);
  });

  it('colours more pain a deeper red', () => {
    const lightness = (level: number) => Number(/(\d+)%\)$/.exec(painColour(level))![1]);
    expect(lightness(9)).toBeLessThan(lightness(5));
    expect(lightness(5)).toBeLessThan(lightness(1));
  });
});
