import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/** Emits sw.js with the list of every file of the build, so the whole app shell is cached on first visit. */
function serviceWorkerPlugin(): Plugin {
  return {
    name: 'massage-coach-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      // The files of public/ (the web app manifest and its icons) are copied as they are, outside the bundle.
      const files = [...Object.keys(bundle), ...readdirSync(join(here, 'public'))]
        .filter((name) => !name.endsWith('.map'))
        .sort();
      const precache = ['./', ...files.filter((name) => name !== 'index.html'), 'index.html'];
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(join(here, 'sw', 'service-worker.js'), 'utf8')
        .replace('__VERSION__', version)
        .replace('__PRECACHE__', JSON.stringify(precache));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), serviceWorkerPlugin()],
  // The figure's worker (web/src/figure-worker.ts) is started as a module worker.
  worker: { format: 'es' },
  build: {
    outDir: join(here, '..', 'dist', 'web'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1', port: 5173, fs: { allow: [join(here, '..')] } },
});
