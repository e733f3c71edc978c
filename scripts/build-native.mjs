#!/usr/bin/env node
// Builds native/pixels.node, the export's per-pixel loops in C (src/export/pixel-loops.ts), with node-gyp: `npm ci`
// runs it (through `prepare`). Where it cannot be built the export runs the same loops in JavaScript, slower, so a
// failed build warns and does not fail the install; CI's tests insist on the addon.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** node-gyp as npm runs it for packages (npm says where in its scripts' environment), else npm's own copy. */
function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    process.env.npm_execpath &&
      join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((file) => file && existsSync(file)) ?? null;
}

const gyp = nodeGyp();
if (!gyp) {
  console.warn(
    'build-native: node-gyp not found (run `npm run build:native` through npm); the export uses JavaScript.',
  );
  process.exit(0);
}
const result = spawnSync(process.execPath, [gyp, 'rebuild', '--directory', join(root, 'native')], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (result.status !== 0) {
  console.warn(
    `build-native: node-gyp failed (exit ${result.status ?? result.signal}); the export's pixel loops run in JavaScript, slower.\n` +
      '  It needs python3, make and a C compiler (Debian: apt-get install python3 make g++); then run `npm run build:native`.',
  );
}
