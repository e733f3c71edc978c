// A server for the records benchmark, run in its own process: `bare` (one Fastify route that parses the same JSON
// body and answers) or the records server on a database (a SQLite file or a postgres:// URL). Prints its URL.
import Fastify from 'fastify';
import { recordsServerStarted } from '../../src/server/serve.js';

const target = process.argv[2];
if (!target) {
  process.stderr.write('usage: bench-server.ts bare|FILE|postgres://…\n');
  process.exit(2);
}
if (target === 'bare') {
  const app = Fastify({ logger: false });
  app.post('/bare', async (request) => ({
    stored: (request.body as { events: unknown[] }).events.length,
    duplicates: 0,
  }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  process.stdout.write(
    `massage-coach web app: http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/\n`,
  );
} else {
  await recordsServerStarted({
    host: '127.0.0.1',
    port: 0,
    db: target,
    webRoot: null,
    print: (line) => process.stdout.write(`${line}\n`),
  });
}
