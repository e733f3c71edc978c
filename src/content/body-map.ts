import type { BodyMapData } from '../core/body-map.js';

/** Ellipse vertices, for round regions. */
function ellipse(cx: number, cy: number, rx: number, ry: number, n = 20): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const a = (i / n) * Math.PI * 2;
    out.push([Math.round((cx + rx * Math.cos(a)) * 1e4) / 1e4, Math.round((cy + ry * Math.sin(a)) * 1e4) / 1e4]);
  }
  return out;
}

/**
 * The body map's data: landmarks and regions in the normalised frame, drawn to BODY-PROPORTIONS.md.
 * Bilateral landmarks and regions are given for the client's left (negative x) and mirrored.
 */
export const bodyMapData = {
  landmarks: [
    { id: 'crown', x: 0, y: 0, name: 'crown of the head' },
    { id: 'occiput', x: 0, y: 0.085, name: 'occiput (bump at the back of the head)' },
    { id: 'skull-base', x: 0, y: 0.115, name: 'base of the skull' },
    { id: 'chin', x: 0, y: 0.125, name: 'chin' },
    { id: 'c7', x: 0, y: 0.15, name: 'C7, the prominent vertebra' },
    { id: 'sternal-notch', x: 0, y: 0.18, name: 'sternal notch' },
    { id: 't7', x: 0, y: 0.27, name: 'T7, level of the lower tips of the shoulder blades' },
    { id: 'mid-back', x: 0, y: 0.3, name: 'middle of the back' },
    { id: 't12', x: 0, y: 0.355, name: 'T12, lower end of the ribs' },
    { id: 'l3', x: 0, y: 0.39, name: 'L3' },
    { id: 'l4', x: 0, y: 0.405, name: 'L4, level of the iliac crests' },
    { id: 'l5', x: 0, y: 0.42, name: 'L5, the lowest lumbar vertebra' },
    { id: 'sacrum', x: 0, y: 0.44, name: 'sacrum (sacral dimples)' },
    { id: 'coccyx', x: 0, y: 0.49, name: 'tip of the coccyx' },
    { id: 'acromion', x: -0.115, y: 0.18, isBilateral: true, name: 'acromion (shoulder tip)' },
    { id: 'shoulder-joint', x: -0.12, y: 0.195, isBilateral: true, name: 'shoulder joint' },
    { id: 'clavicle-mid', x: -0.055, y: 0.185, isBilateral: true, name: 'middle of the collarbone' },
    { id: 'infraclavicular', x: -0.05, y: 0.2, isBilateral: true, name: 'just under the collarbone' },
    { id: 'scapula-superior', x: -0.05, y: 0.19, isBilateral: true, name: 'upper angle of the shoulder blade' },
    { id: 'scapula-inferior', x: -0.055, y: 0.27, isBilateral: true, name: 'lower angle of the shoulder blade' },
    { id: 'iliac-crest', x: -0.085, y: 0.405, isBilateral: true, name: 'top of the iliac crest' },
    { id: 'psis', x: -0.025, y: 0.44, isBilateral: true, name: 'sacral dimple (PSIS)' },
    { id: 'greater-trochanter', x: -0.1, y: 0.48, isBilateral: true, name: 'greater trochanter' },
    { id: 'gluteal-centre', x: -0.05, y: 0.47, isBilateral: true, name: 'centre of the buttock' },
    { id: 'gluteal-fold', x: -0.055, y: 0.53, isBilateral: true, name: 'gluteal fold' },
    { id: 'mid-thigh', x: -0.055, y: 0.62, isBilateral: true, name: 'middle of the thigh' },
    { id: 'popliteal', x: -0.055, y: 0.715, isBilateral: true, name: 'back of the knee (popliteal crease)' },
    { id: 'patella', x: -0.055, y: 0.715, isBilateral: true, name: 'kneecap' },
    { id: 'calf', x: -0.055, y: 0.78, isBilateral: true, name: 'calf at its widest' },
    { id: 'lower-calf', x: -0.055, y: 0.88, isBilateral: true, name: 'lower calf, above the Achilles tendon' },
    { id: 'ankle', x: -0.055, y: 0.95, isBilateral: true, name: 'ankle' },
    { id: 'medial-malleolus', x: -0.037, y: 0.95, isBilateral: true, name: 'inner ankle bone' },
    { id: 'lateral-malleolus', x: -0.073, y: 0.95, isBilateral: true, name: 'outer ankle bone' },
    { id: 'heel', x: -0.055, y: 0.965, isBilateral: true, name: 'heel' },
    { id: 'sole-centre', x: -0.055, y: 0.982, isBilateral: true, name: 'centre of the sole' },
    { id: 'ball-of-foot', x: -0.055, y: 0.995, isBilateral: true, name: 'ball of the foot, under the toes' },
  ],
  regions: [
    // Posterior surface (seen prone; touched from below when supine).
    { id: 'head.scalp', surface: 'posterior', isBilateral: false, polygon: ellipse(0, 0.055, 0.046, 0.058), maxPressure: 5, name: 'scalp' },
    { id: 'head.hair', surface: 'posterior', isBilateral: false, polygon: ellipse(0, 0.055, 0.048, 0.06), maxPressure: 5, name: 'hair' },
    { id: 'head.skull-base', surface: 'posterior', isBilateral: false, polygon: [[-0.038, 0.098], [0.038, 0.098], [0.036, 0.122], [-0.036, 0.122]], maxPressure: 5, name: 'base of the skull' },
    { id: 'neck.posterior', surface: 'posterior', isBilateral: false, polygon: [[-0.036, 0.11], [0.036, 0.11], [0.04, 0.155], [-0.04, 0.155]], maxPressure: 5, name: 'back of the neck' },
    { id: 'back.spine', surface: 'posterior', isBilateral: false, polygon: [[-0.008, 0.15], [0.008, 0.15], [0.008, 0.49], [-0.008, 0.49]], maxPressure: 0, name: 'spine line (spinous processes)' },
    { id: 'back.paraspinal', surface: 'posterior', isBilateral: true, polygon: [[-0.042, 0.15], [-0.0081, 0.15], [-0.0081, 0.445], [-0.042, 0.445]], maxPressure: 5, name: 'muscles beside the spine' },
    { id: 'back.kidney-band', surface: 'posterior', isBilateral: true, polygon: [[-0.065, 0.355], [-0.018, 0.355], [-0.018, 0.392], [-0.065, 0.392]], maxPressure: 5, name: 'kidney band (T12–L3 beside the spine)' },
    { id: 'back.scapula', surface: 'posterior', isBilateral: true, polygon: [[-0.045, 0.19], [-0.108, 0.186], [-0.1, 0.215], [-0.058, 0.278], [-0.044, 0.24]], maxPressure: 5, name: 'shoulder blade' },
    { id: 'back.whole', surface: 'posterior', isBilateral: false, polygon: [[-0.04, 0.15], [-0.125, 0.175], [-0.105, 0.26], [-0.085, 0.37], [-0.092, 0.445], [0.092, 0.445], [0.085, 0.37], [0.105, 0.26], [0.125, 0.175], [0.04, 0.15]], maxPressure: 5, name: 'the whole back' },
    { id: 'hip.gluteal', surface: 'posterior', isBilateral: true, polygon: [[-0.009, 0.445], [-0.092, 0.43], [-0.106, 0.48], [-0.095, 0.532], [-0.009, 0.532]], maxPressure: 5, name: 'buttock' },
    { id: 'leg.thigh.posterior', surface: 'posterior', isBilateral: true, polygon: [[-0.105, 0.532], [-0.005, 0.532], [-0.022, 0.697], [-0.088, 0.697]], maxPressure: 5, name: 'back of the thigh' },
    { id: 'leg.thigh.inner-upper', surface: 'posterior', isBilateral: true, polygon: [[0, 0.49], [-0.012, 0.5], [-0.03, 0.53], [-0.032, 0.6], [-0.014, 0.6], [0, 0.56]], maxPressure: 0, name: 'upper inner thigh, toward the groin' },
    { id: 'leg.knee.popliteal', surface: 'posterior', isBilateral: true, polygon: [[-0.089, 0.695], [-0.021, 0.695], [-0.021, 0.737], [-0.089, 0.737]], maxPressure: 2, name: 'back of the knee' },
    { id: 'leg.lower', surface: 'posterior', isBilateral: true, polygon: [[-0.088, 0.737], [-0.093, 0.78], [-0.078, 0.935], [-0.032, 0.935], [-0.017, 0.78], [-0.022, 0.737]], maxPressure: 5, name: 'calf' },
    { id: 'foot.ankle', surface: 'posterior', isBilateral: true, polygon: [[-0.082, 0.93], [-0.028, 0.93], [-0.028, 0.962], [-0.082, 0.962]], maxPressure: 5, name: 'ankle' },
    { id: 'foot.heel', surface: 'posterior', isBilateral: true, polygon: ellipse(-0.055, 0.967, 0.02, 0.013), maxPressure: 5, name: 'heel' },
    { id: 'foot.sole', surface: 'posterior', isBilateral: true, polygon: [[-0.078, 0.955], [-0.032, 0.955], [-0.03, 1.0], [-0.08, 1.0]], maxPressure: 5, name: 'sole' },
    // Anterior surface (seen supine).
    { id: 'neck.anterior', surface: 'anterior', isBilateral: false, polygon: [[-0.036, 0.12], [0.036, 0.12], [0.04, 0.178], [-0.04, 0.178]], maxPressure: 0, name: 'throat and front of the neck' },
    { id: 'chest.infraclavicular', surface: 'anterior', isBilateral: true, polygon: [[-0.012, 0.186], [-0.1, 0.19], [-0.1, 0.235], [-0.012, 0.235]], maxPressure: 5, name: 'upper chest under the collarbone' },
    { id: 'chest.sternum', surface: 'anterior', isBilateral: false, polygon: [[-0.012, 0.182], [0.012, 0.182], [0.012, 0.29], [-0.012, 0.29]], maxPressure: 5, name: 'breastbone' },
    { id: 'abdomen', surface: 'anterior', isBilateral: false, polygon: [[-0.08, 0.3], [0.08, 0.3], [0.09, 0.45], [-0.09, 0.45]], maxPressure: 5, name: 'belly' },
    { id: 'shoulder.joint', surface: 'anterior', isBilateral: true, polygon: ellipse(-0.118, 0.195, 0.03, 0.028), maxPressure: 5, name: 'shoulder joint' },
    { id: 'leg.thigh.inner-upper', surface: 'anterior', isBilateral: true, polygon: [[0, 0.49], [-0.012, 0.5], [-0.03, 0.53], [-0.032, 0.6], [-0.014, 0.6], [0, 0.56]], maxPressure: 0, name: 'groin and upper inner thigh' },
    { id: 'leg.knee.patella', surface: 'anterior', isBilateral: true, polygon: ellipse(-0.055, 0.715, 0.026, 0.024), maxPressure: 2, name: 'kneecap' },
    { id: 'leg.lower', surface: 'anterior', isBilateral: true, polygon: [[-0.088, 0.74], [-0.093, 0.78], [-0.078, 0.935], [-0.032, 0.935], [-0.017, 0.78], [-0.022, 0.74]], maxPressure: 5, name: 'shin' },
    { id: 'foot.ankle', surface: 'anterior', isBilateral: true, polygon: [[-0.082, 0.93], [-0.028, 0.93], [-0.028, 0.962], [-0.082, 0.962]], maxPressure: 5, name: 'ankle' },
  ],
} satisfies BodyMapData;
