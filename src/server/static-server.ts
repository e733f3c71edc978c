import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Content types of the files a Vite build writes. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Text types worth compressing. */
const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.svg',
  '.webmanifest',
  '.txt',
  '.map',
]);

/** Options of the static server. */
export interface StaticServerOptions {
  /** The folder to serve (the built app, dist/web). */
  readonly root: string;
  /** The file served for paths that name no file (single-page app fallback). */
  readonly fallback?: string;
}

/** How a file should be cached: the service worker and the page never, hashed assets forever. */
export function cacheControlFor(path: string): string {
  if (path === '/sw.js' || path.endsWith('.html')) return 'no-cache';
  if (path.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}

/** The file a URL path names inside root, or null when it escapes root or names nothing. */
export function fileForPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const full = resolve(base, `.${normalize(`/${decoded}`)}`);
  if (full !== base && !full.startsWith(base + sep)) return null;
  const candidate = existsSync(full) && statSync(full).isDirectory() ? join(full, 'index.html') : full;
  return existsSync(candidate) && statSync(candidate).isFile() ? candidate : null;
}

function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers['accept-encoding'];
  return typeof header === 'string' && /\bgzip\b/.test(header);
}

const gzipCache = new Map<string, { mtimeMs: number; body: Buffer }>();

async function gzipped(file: string): Promise<Buffer> {
  const { mtimeMs } = statSync(file);
  const hit = gzipCache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.body;
  const body = gzipSync(await readFile(file));
  gzipCache.set(file, { mtimeMs, body });
  return body;
}

/** Builds the request handler that serves `root`, falling back to index.html for unknown paths. */
export function staticHandler(
  options: StaticServerOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const root = resolve(options.root);
  const fallback = options.fallback ?? 'index.html';
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('method not allowed\n');
      return;
    }
    const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    let file = fileForPath(root, urlPath);
    let servedPath = urlPath;
    if (!file) {
      // A missing asset is a 404; any other path is a page of the single-page app.
      if (extname(urlPath) !== '' && !urlPath.endsWith('.html')) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' });
        res.end('not found\n');
        return;
      }
      file = fileForPath(root, `/${fallback}`);
      servedPath = `/${fallback}`;
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('not found\n');
        return;
      }
    }
    const ext = extname(file).toLowerCase();
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'cache-control': cacheControlFor(servedPath.endsWith('/') ? '/index.html' : servedPath),
      'x-content-type-options': 'nosniff',
    };
    if (servedPath === '/sw.js') headers['service-worker-allowed'] = '/';
    if (COMPRESSIBLE.has(ext)) headers.vary = 'accept-encoding';
    if (COMPRESSIBLE.has(ext) && acceptsGzip(req)) {
      const body = await gzipped(file);
      headers['content-encoding'] = 'gzip';
      headers['content-length'] = String(body.length);
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    headers['content-length'] = String(statSync(file).size);
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  };
}

/** Creates (does not start) an HTTP server for the built app. */
export function staticServer(options: StaticServerOptions): Server {
  const handle = staticHandler(options);
  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });
}

/** Starts the static server on host:port (port 0 picks a free one) and resolves with its address. */
export function staticServerStarted(
  options: StaticServerOptions & { readonly host?: string; readonly port?: number },
): Promise<{ server: Server; url: string }> {
  const server = staticServer(options);
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolveStart, rejectStart) => {
    server.once('error', rejectStart);
    server.listen(options.port ?? 5178, host, () => {
      server.off('error', rejectStart);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : (options.port ?? 5178);
      resolveStart({ server, url: `http://${host}:${port}/` });
    });
  });
}
