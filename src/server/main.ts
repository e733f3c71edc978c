// `npm start`: the records server with the web app on 127.0.0.1:5178 (PORT, HOST), SQLite under ./data/ (or
// DATABASE_URL). Builds nothing.
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dbTarget } from '../store/open-store.js';
import { recordsServerStarted } from './serve.js';

const here = fileURLToPath(new URL('.', import.meta.url));
// From src/server (tsx) the repository is two folders up; from the compiled dist/src/server, three.
const repoRoot = resolve(here, '..', '..', ...(here.includes(`${sep}dist${sep}src${sep}`) ? ['..'] : []));
const root = process.env.WEB_ROOT ? resolve(process.env.WEB_ROOT) : join(repoRoot, 'dist', 'web');
// An empty PORT counts as unset (Number('') would be 0: a random port).
const port =
  process.env.PORT === undefined || process.env.PORT.trim() === '' ? 5178 : Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`PORT must be a port number (0–65535), not "${process.env.PORT}"\n`);
  process.exit(2);
}
try {
  const server = await recordsServerStarted({
    host,
    port,
    db: dbTarget(undefined),
    webRoot: root,
    print: (line) => process.stdout.write(`${line}\n`),
  });
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  process.stderr.write(
    `cannot start on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
