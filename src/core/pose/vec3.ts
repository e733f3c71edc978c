/** A point or direction in the body frame with height: x across (client's left negative), y crown → feet, z up. */
export type Vec3 = readonly [number, number, number];

/** a + b. */
export function vecSum(a: Vec3, b: Vec3): Vec3 {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

/** a − b. */
export function vecDifference(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

/** a scaled by k. */
export function vecScaled(a: Vec3, k: number): Vec3 {
  return [a[0] * k, a[1] * k, a[2] * k];
}

/** The dot product. */
export function vecDot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** The cross product a × b. */
export function vecCross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/** The length. */
export function vecLength(a: Vec3): number {
  return Math.hypot(a[0], a[1], a[2]);
}

/** The unit vector along a (a itself when it has no length). */
export function vecUnit(a: Vec3): Vec3 {
  const n = vecLength(a);
  return n > 1e-12 ? vecScaled(a, 1 / n) : a;
}

/** The angle between two directions, in degrees. */
export function vecAngleDegrees(a: Vec3, b: Vec3): number {
  const c = vecDot(vecUnit(a), vecUnit(b));
  return (Math.acos(Math.max(-1, Math.min(1, c))) * 180) / Math.PI;
}

/** v turned by `angle` radians about the unit axis `k` (Rodrigues). */
export function vecRotated(v: Vec3, k: Vec3, angle: number): Vec3 {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const kv = vecCross(k, v);
  const kd = vecDot(k, v) * (1 - c);
  return [
    v[0] * c + kv[0] * s + k[0] * kd,
    v[1] * c + kv[1] * s + k[1] * kd,
    v[2] * c + kv[2] * s + k[2] * kd,
  ];
}

/** Rounds each coordinate to 5 decimals (stable JSON, stable SVG). */
export function vecRounded(a: Vec3): Vec3 {
  return [Math.round(a[0] * 1e5) / 1e5, Math.round(a[1] * 1e5) / 1e5, Math.round(a[2] * 1e5) / 1e5];
}
