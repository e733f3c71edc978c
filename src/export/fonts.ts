import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The shipped Noto Sans faces the renderer uses (Regular for text, SemiBold for titles); both include Cyrillic. */
export const NOTO_SANS_FACES = [
  '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  '@expo-google-fonts/noto-sans/600SemiBold/NotoSans_600SemiBold.ttf',
] as const;

/** The paths of the shipped Noto Sans TTF files. */
export function notoSansFontFiles(): string[] {
  return NOTO_SANS_FACES.map((face) => require.resolve(face));
}

/** The shipped Noto Sans TTF files' bytes (read once per call; keep the result). */
export function notoSansFontBuffers(): Buffer[] {
  return notoSansFontFiles().map((path) => readFileSync(path));
}
