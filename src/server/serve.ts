import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openStore } from '../store/open-store.js';
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
  /** Where the server says what it does (its URL, the set-up link). */
  readonly print: (line: string) => void;
}

/** A running records server. */
export interface RunningServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: RecordsStore;
  close(): Promise<void>;
}

/** Opens the database, builds the app and listens; on a first start prints the one-time set-up link. */
export async function recordsServerStarted(options: ServeOptions): Promise<RunningServer> {
  const store = await openStore(options.db);
  try {
    const isFirstStart = (await store.userCount()) === 0;
    const setupToken = isFirstStart ? randomBytes(24).toString('base64url') : null;
    const webRoot =
      options.webRoot && existsSync(join(options.webRoot, 'index.html')) ? options.webRoot : null;
    const app = await recordsApp({ store, webRoot, setupToken, isSecure: options.isSecure ?? false });
    await app.listen({ host: options.host, port: options.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
    const url = `http://${shownHost}:${port}/`;
    options.print(`massage-coach web app: ${url}`);
    options.print(`records: ${store.dialect} ${store.location}`);
    if (!webRoot) options.print('no built web app (run npm run build:web): serving the API only');
    if (setupToken) {
      options.print(`first start: set up the owner account at ${url}#setup=${setupToken}`);
      options.print('  (or: massage-coach user add --role owner --email … --name …)');
    }
    return {
      url,
      app,
      store,
      async close() {
        await app.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
