import { describe, expect, it } from 'vitest';
import { bodyMapData } from '../content/body-map.js';
import {
  bodyMapFromData,
  landmarkPoint,
  pathRegions,
  pathViolations,
  pressureToleranceAt,
  regionContains,
  regionsAt,
} from './body-map.js';
import { bodyPoint } from './geometry.js';
import { REGION_IDS } from './ids.js';

const map = bodyMapFromData(bodyMapData);
const ids = (hits: readonly { region: string }[]) => hits.map((h) => h.region).sort();

describe('the body map', () => {
  it('has every region of CATALOGUE.md, with the tolerances it fixes', () => {
    const present = new Set(map.regions.map((r) => r.id));
    for (const id of REGION_IDS) expect(present.has(id)).toBe(true);
    const tolerance = (id: string) =>
      Math.min(...map.regions.filter((r) => r.id === id).map((r) => r.maxPressure));
    expect(tolerance('back.spine')).toBe(0);
    expect(tolerance('neck.anterior')).toBe(0);
    expect(tolerance('leg.thigh.inner-upper')).toBe(0);
    expect(tolerance('leg.knee.popliteal')).toBe(2);
    expect(tolerance('leg.knee.patella')).toBe(2);
    expect(tolerance('back.paraspinal')).toBe(5);
  });

  it('places landmarks by BODY-PROPORTIONS.md and mirrors bilateral ones', () => {
    expect(landmarkPoint(map, 'c7')).toEqual(bodyPoint(0, 0.15));
    expect(landmarkPoint(map, 'popliteal', 'left')).toEqual(bodyPoint(-0.055, 0.715));
    expect(landmarkPoint(map, 'popliteal', 'right')).toEqual(bodyPoint(0.055, 0.715));
    expect(landmarkPoint(map, 'c7', 'right')).toEqual(bodyPoint(0, 0.15));
    expect(landmarkPoint(map, 'elbow')).toBeUndefined();
  });

  it('finds the regions at a point, with the side from the point', () => {
    expect(ids(regionsAt(map, 'posterior', bodyPoint(0, 0.3)))).toEqual(['back.spine', 'back.whole']);
    const paraspinal = regionsAt(map, 'posterior', bodyPoint(0.025, 0.3)).find(
      (h) => h.region === 'back.paraspinal',
    );
    expect(paraspinal?.side).toBe('right');
    expect(ids(regionsAt(map, 'posterior', bodyPoint(-0.055, 0.8)))).toEqual(['leg.lower']);
    // The throat is on the anterior surface only; from behind, the same point is the back of the neck.
    expect(ids(regionsAt(map, 'anterior', bodyPoint(0, 0.15)))).toEqual(['neck.anterior']);
    expect(ids(regionsAt(map, 'posterior', bodyPoint(0, 0.14)))).toEqual(['neck.posterior']);
    expect(regionsAt(map, 'posterior', bodyPoint(0.3, 0.5))).toEqual([]);
  });

  it('tests a point against a region, a prefix and a side', () => {
    const calf = bodyPoint(-0.055, 0.8);
    expect(regionContains(map, { region: 'leg.lower' }, 'posterior', calf)).toBe(true);
    expect(regionContains(map, { region: 'leg' }, 'posterior', calf)).toBe(true);
    expect(regionContains(map, { region: 'leg.lower', side: 'left' }, 'posterior', calf)).toBe(true);
    expect(regionContains(map, { region: 'leg.lower', side: 'right' }, 'posterior', calf)).toBe(false);
    expect(regionContains(map, { region: 'leg.lower' }, 'anterior', bodyPoint(0, 0.3))).toBe(false);
  });

  it('gives the lowest tolerance at a point', () => {
    expect(pressureToleranceAt(map, 'posterior', bodyPoint(0, 0.3))).toBe(0);
    expect(pressureToleranceAt(map, 'posterior', bodyPoint(-0.055, 0.715))).toBe(2);
    expect(pressureToleranceAt(map, 'posterior', bodyPoint(-0.03, 0.3))).toBe(5);
  });

  it('tests a path: the regions it crosses and where its pressure is too much', () => {
    const acrossTheSpine = [bodyPoint(-0.03, 0.3), bodyPoint(0, 0.3), bodyPoint(0.03, 0.3)];
    expect(pathViolations(map, 'posterior', acrossTheSpine, 3).map((v) => v.region)).toEqual(['back.spine']);
    const besideIt = [bodyPoint(-0.025, 0.42), bodyPoint(-0.025, 0.16)];
    expect(pathViolations(map, 'posterior', besideIt, 4)).toEqual([]);
    const overTheKnee = [bodyPoint(-0.055, 0.68), bodyPoint(-0.055, 0.715), bodyPoint(-0.055, 0.75)];
    expect(pathViolations(map, 'posterior', overTheKnee, 3).map((v) => v.region)).toEqual([
      'leg.knee.popliteal',
    ]);
    expect(pathViolations(map, 'posterior', overTheKnee, 2)).toEqual([]);
    expect(ids(pathRegions(map, 'posterior', overTheKnee))).toEqual([
      'leg.knee.popliteal',
      'leg.lower',
      'leg.thigh.posterior',
    ]);
  });
});
