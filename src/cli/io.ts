import { readFileSync } from 'node:fs';

/** Where the command writes; tests pass their own to run it in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** The process's own stdout and stderr. */
export const processIo: CliIo = {
  stdout: (text) => {
    process.stdout.write(text);
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
};

/** A file's text, or why it could not be read. */
export function textFileRead(path: string): { ok: true; text: string } | { ok: false; reason: string } {
  try {
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return { ok: false, reason: 'no such file' };
    if (err.code === 'EISDIR') return { ok: false, reason: 'is a directory' };
    if (err.code === 'EACCES') return { ok: false, reason: 'permission denied' };
    return { ok: false, reason: err.message };
  }
}

const LINE_WIDTH = 110;

function isFlat(value: unknown): boolean {
  return value === null || typeof value !== 'object' || Object.keys(value).length === 0;
}

function printed(value: unknown, indent: string, prefixWidth: number, suffixWidth: number): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = `${indent}  `;
    if (value.every(isFlat)) {
      const flat = `[${value.map((v) => printed(v, inner, 0, 0)).join(', ')}]`;
      // A following comma counts toward the line, as Biome counts it.
      if (prefixWidth + flat.length + suffixWidth <= LINE_WIDTH) return flat;
    }
    const items = value.map(
      (v, i) => `${inner}${printed(v, inner, inner.length, i < value.length - 1 ? 1 : 0)}`,
    );
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    const lines = entries.map(([k, v], i) => {
      const key = `${JSON.stringify(k)}: `;
      const suffix = i < entries.length - 1 ? 1 : 0;
      return `${inner}${key}${printed(v, inner, inner.length + key.length, suffix)}`;
    });
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  // Biome writes exponents without a plus sign (1e21).
  if (typeof value === 'number') return JSON.stringify(value).replace('e+', 'e');
  return JSON.stringify(value) ?? 'null';
}

/**
 * JSON laid out the way Biome formats it (objects expanded, short lists of plain values on one line),
 * so generated files stay lint-clean.
 */
export function jsonFormatted(value: unknown): string {
  return `${printed(value, '', 0, 0)}\n`;
}
