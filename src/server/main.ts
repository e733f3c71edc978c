// Serves the built web app (dist/web) on 127.0.0.1:5178, or the port in PORT. Builds nothing.
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staticServerStarted } from './static-server.js';

const here = fileURLToPath(new URL('.', import.meta.url));
// From src/server (tsx) the repository is two folders up; from the compiled dist/src/server, three.
const repoRoot = resolve(here, '..', '..', ...(here.includes(`${sep}dist${sep}src${sep}`) ? ['..'] : []));
const root = process.env.WEB_ROOT ? resolve(process.env.WEB_ROOT) : join(repoRoot, 'dist', 'web');
const port = process.env.PORT === undefined ? 5178 : Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`PORT must be a port number (0–65535), not "${process.env.PORT}"\n`);
  process.exit(2);
}
if (!existsSync(join(root, 'index.html'))) {
  process.stderr.write(`${root} has no built app: run npm run build:web first\n`);
  process.exit(1);
}
try {
  const { server, url } = await staticServerStarted({ root, host, port });
  process.stdout.write(`massage-coach web app: ${url}\n`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  process.stderr.write(
    `cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
