import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ExportQueue, transportFor } from '../jobs/export-queue.js';
import { isPostgresUrl, openStore } from '../store/open-store.js';
import type { RecordsStore } from '../store/records-store.js';
import { recordsApp } from './records-app.js';

/** Where and how to run the records server. */
export interface ServeOptions {
  readonly host: string;
  readonly port: number;
  /** A SQLite file or a postgres:// URL. */
  readonly db: string;
  /** The built web app (dist/web); a folder without index.html serves the API only. */
  readonly webRoot: string | null;
  readonly isSecure?: boolean;
  /** Export jobs this server runs at once (0: none; with PostgreSQL, `massage-coach worker` processes run them). */
  readonly workers?: number;
  /** Where the server says what it does (its URL, the set-up link). */
  readonly print: (line: string) => void;
}

/** A running records server. */
export interface RunningServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: RecordsStore;
  readonly exportQueue: ExportQueue;
  close(): Promise<void>;
}

/** Opens the database, builds the app and listens; on a first start prints the one-time set-up link. */
export async function recordsServerStarted(options: ServeOptions): Promise<RunningServer> {
  const store = await openStore(options.db);
  let exportQueue: ExportQueue | null = null;
  try {
    const isFirstStart = (await store.userCount()) === 0;
    const setupToken = isFirstStart ? randomBytes(24).toString('base64url') : null;
    const webRoot =
      options.webRoot && existsSync(join(options.webRoot, 'index.html')) ? options.webRoot : null;
    const transport = await transportFor(store, isPostgresUrl(options.db) ? options.db : null);
    exportQueue = new ExportQueue({ store, transport });
    const queue = exportQueue;
    const workers = options.workers ?? 1;
    // With SQLite this process alone runs jobs: whatever was running stopped with the last run and goes back.
    await exportQueue.startWorking(workers, { isRestart: transport.name === 'in-process' });
    const app = await recordsApp({
      store,
      webRoot,
      setupToken,
      isSecure: options.isSecure ?? false,
      exportQueue: queue,
    });
    await app.listen({ host: options.host, port: options.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
    const url = `http://${shownHost}:${port}/`;
    options.print(`massage-coach web app: ${url}`);
    options.print(`records: ${store.dialect} ${store.location}`);
    options.print(
      `export jobs: ${transport.name} queue, ${workers} at a time in this process` +
        (transport.name === 'pg-boss' ? ' (more: massage-coach worker --db URL on any machine)' : ''),
    );
    if (!webRoot) options.print('no built web app (run npm run build:web): serving the API only');
    if (setupToken) {
      options.print(`first start: set up the owner account at ${url}#setup=${setupToken}`);
      options.print('  (or: massage-coach user add --role owner --email … --name …)');
    }
    return {
      url,
      app,
      store,
      exportQueue: queue,
      async close() {
        await app.close();
        await queue.stop();
        await store.close();
      },
    };
  } catch (error) {
    await exportQueue?.stop();
    await store.close();
    throw error;
  }
}
