import { z } from 'zod';

/** The client's sides; the body frame puts the client's left at negative x. */
export const SIDES = ['left', 'right'] as const;
/** A side of the client's body. */
export const Side = z.enum(SIDES);
export type Side = z.infer<typeof Side>;

/** Which body surface a contact lies on: prone shows the posterior, supine the anterior. */
export const Surface = z.enum(['posterior', 'anterior']);
export type Surface = z.infer<typeof Surface>;

/** How the client lies (or sits) during a section. */
export const ClientPosition = z.enum(['prone', 'supine', 'seated']);
export type ClientPosition = z.infer<typeof ClientPosition>;

/** Region ids of CATALOGUE.md; the side is carried separately. */
export const REGION_IDS = [
  'back.spine',
  'back.paraspinal',
  'back.kidney-band',
  'back.scapula',
  'back.whole',
  'hip.gluteal',
  'leg.thigh.posterior',
  'leg.thigh.inner-upper',
  'leg.knee.popliteal',
  'leg.knee.patella',
  'leg.lower',
  'foot.ankle',
  'foot.sole',
  'foot.heel',
  'chest.infraclavicular',
  'chest.sternum',
  'abdomen',
  'shoulder.joint',
  'neck.posterior',
  'neck.anterior',
  'head.skull-base',
  'head.scalp',
  'head.hair',
] as const;
/** A region id of the body map. */
export const RegionId = z.enum(REGION_IDS);
export type RegionId = z.infer<typeof RegionId>;

/** Technique kinds; each brings its own motion (src/core/techniques.ts). */
export const TECHNIQUE_KINDS = [
  'glide',
  'press',
  'knead',
  'friction',
  'drain',
  'squeeze',
  'traction',
  'stretch',
  'rotate',
  'lift',
  'rub',
  'tug',
  'rest',
] as const;
/** A technique kind. */
export const TechniqueKind = z.enum(TECHNIQUE_KINDS);
export type TechniqueKind = z.infer<typeof TechniqueKind>;

/** What touches the client. */
export const ContactTool = z.enum([
  'palm',
  'stacked-palms',
  'fingertips',
  'thumb',
  'forearm',
  'whole-hand',
  'fingers',
]);
export type ContactTool = z.infer<typeof ContactTool>;

/**
 * The shape the practitioner's working hand takes (ILLUSTRATION.md "The people": the shape of the hand is the tool).
 * Each contact tool has its own (src/core/pose); a step may name another, such as `spread-fingers`: the fingers
 * apart, their pads on the scalp, as when washing hair.
 */
export const HandShape = z.enum([
  'flat-palm',
  'palm-on-palm',
  'two-fingertips',
  'thumb-pad',
  'grasp',
  'forearm-flat',
  'pinch',
  'spread-fingers',
]);
export type HandShape = z.infer<typeof HandShape>;

/**
 * How far each tool's contact reaches across from its centre, in body units (BODY-PROPORTIONS.md): half the width of
 * what lies on the skin. The planner lists, clips and checks the regions of the whole contact, not its centre.
 * A thumb pad is about 0.015 H wide, two fingertips 0.02 H, a palm, a grasp or spread fingers 0.05 H, a forearm laid
 * flat 0.05–0.06 H. Where unsure, the wider: a wider contact only keeps further from what it must not touch.
 */
export const CONTACT_HALF_WIDTH: Readonly<Record<ContactTool, number>> = {
  thumb: 0.0075,
  fingertips: 0.01,
  fingers: 0.025,
  palm: 0.025,
  'stacked-palms': 0.025,
  'whole-hand': 0.025,
  forearm: 0.0275,
};

/**
 * How far each tool's contact reaches along the stroke from its centre, in body units (BODY-PROPORTIONS.md): half the
 * length of what lies on the skin, the footprint's half-length beside CONTACT_HALF_WIDTH's half-width. The planner
 * keeps the whole footprint, length along and width across, off the regions a stroke must not touch: at a stroke's
 * ends the contact reaches this far beyond its centre (a palm's heel behind the start, its fingers past the end).
 * A hand is about 0.10 H long, its contact the middle of the palm, the fingers 0.07 ahead of it and the heel and
 * wrist nearly as far behind (palm, stacked palms, a grasp, spread fingers 0.07); a forearm's contact about 0.14 H
 * long (0.07); two fingertips about 0.02 H (0.01); a thumb's pad is small, but its fingers rest on the body about
 * 0.06 H behind it as an anchor (0.06).
 */
export const CONTACT_HALF_LENGTH: Readonly<Record<ContactTool, number>> = {
  thumb: 0.06,
  fingertips: 0.01,
  fingers: 0.07,
  palm: 0.07,
  'stacked-palms': 0.07,
  'whole-hand': 0.07,
  forearm: 0.07,
};

/**
 * How far the whole hand lies round its contact, for the tools whose hand reaches beyond the contact's own footprint
 * (CONTACT_HALF_WIDTH, CONTACT_HALF_LENGTH): behind and ahead along the fingers, and across either side, in body
 * units, as the pictures draw it (src/render/hands.ts, tested to agree). Two fingertips press and the hand behind
 * them (to the wrist, 0.13 H) rests over the skin; a thumb's hand lies beside it, its fingers anchored on the body
 * (0.06 H across); a forearm's loose hand lies 0.12 H ahead of its middle, just over the skin. The planner keeps this
 * span off the plan's excluded regions too (a client's "do not touch here" means the whole hand), not only the contact.
 */
export const HAND_SPAN: Readonly<
  Partial<Record<ContactTool, { readonly behind: number; readonly ahead: number; readonly across: number }>>
> = {
  fingertips: { behind: 0.13, ahead: 0.005, across: 0.033 },
  thumb: { behind: 0.093, ahead: 0.03, across: 0.062 },
  forearm: { behind: 0.09, ahead: 0.12, across: 0.0275 },
};

/** Where the practitioner stands or sits. `side` means the side of the current per-side block. */
export const PractitionerPlace = z.enum(['head', 'feet', 'left', 'right', 'side']);
export type PractitionerPlace = z.infer<typeof PractitionerPlace>;

/** Whether the practitioner stands or sits at their place. */
export const PractitionerPosture = z.enum(['standing', 'seated']);
export type PractitionerPosture = z.infer<typeof PractitionerPosture>;

/** The practitioner's posture: the routine's own, else seated at the head (the seed's "sit behind his head"), else standing. */
export function practitionerPostureOf(
  place: PractitionerPlace | null | undefined,
  posture: PractitionerPosture | null | undefined,
): PractitionerPosture {
  return posture ?? (place === 'head' ? 'seated' : 'standing');
}

/**
 * Where a picture of a step is seen from (ILLUSTRATION.md "Choose the view by what moves"): from above, from the side
 * the practitioner works on, from the head end a little above, or a close-up of the contact.
 */
export const View = z.enum(['top', 'side', 'head', 'closeup']);
export type View = z.infer<typeof View>;

/** The languages cues are written in. */
export const Language = z.enum(['en', 'ru']);
export type Language = z.infer<typeof Language>;

/** Pressure 1 (resting touch) … 5 (deep); CATALOGUE.md "Pressure". */
export const Pressure = z.number().int().min(1).max(5);
export type Pressure = z.infer<typeof Pressure>;

/** Seconds, as a branded number so a pixel or a fraction is not passed by mistake. */
export type Seconds = number & { readonly __unit: 'seconds' };
/** Brands a number as seconds. */
export const seconds = (value: number): Seconds => value as Seconds;

/** A region with an optional side: `leg.lower` on the left leg. */
export const RegionRef = z.object({
  region: RegionId,
  side: Side.optional(),
});
export type RegionRef = z.infer<typeof RegionRef>;

/** True when `id` equals `prefix` or lies below it in the dotted hierarchy (`leg` matches `leg.lower`). */
export function regionMatchesPrefix(id: string, prefix: string): boolean {
  return id === prefix || id.startsWith(`${prefix}.`);
}
