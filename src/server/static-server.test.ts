import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControlFor, fileForPath, staticServerStarted } from './static-server.js';

let root: string;
let server: Server;
let base: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'static-server-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(root, 'assets', 'main-abc123.js'), `console.log(${JSON.stringify('x'.repeat(2000))});`);
  writeFileSync(join(root, 'assets', 'style-abc123.css'), 'body { color: black; }');
  writeFileSync(join(root, 'secret-outside.txt'), 'inside root');
  ({ server, url: base } = await staticServerStarted({ root, port: 0 }));
});

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  rmSync(root, { recursive: true, force: true });
});

describe('static server', () => {
  it('serves index.html at / with the html type and no-cache', async () => {
    const res = await fetch(base);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<title>app</title>');
  });

  it('serves scripts with a JavaScript type, gzipped when asked, cached forever under assets/', async () => {
    const res = await fetch(`${base}assets/main-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
    // fetch decodes gzip itself; the header says it was compressed.
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toContain('console.log');
  });

  it('sends a body that really is gzip', async () => {
    const { request } = await import('node:http');
    const body = await new Promise<Buffer>((done, fail) => {
      const req = request(
        `${base}assets/style-abc123.css`,
        { headers: { 'accept-encoding': 'gzip' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(Buffer.concat(chunks)));
        },
      );
      req.on('error', fail);
      req.end();
    });
    expect(gunzipSync(body).toString()).toBe('body { color: black; }');
  });

  it('serves the service worker with no-cache', async () => {
    const res = await fetch(`${base}sw.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('falls back to index.html for an app path', async () => {
    const res = await fetch(`${base}session/plan`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>app</title>');
  });

  it('answers 404 for a missing asset rather than the page', async () => {
    const res = await fetch(`${base}assets/missing-123.js`);
    expect(res.status).toBe(404);
  });

  it('refuses other methods', async () => {
    const res = await fetch(base, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
  });
});

describe('fileForPath', () => {
  it('never leaves the root', () => {
    expect(fileForPath(root, '/../../etc/passwd')).toBeNull();
    expect(fileForPath(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(fileForPath(root, '/%00')).toBeNull();
    expect(fileForPath(root, '/%E0%A4%A')).toBeNull();
  });

  it('finds files and index.html in folders', () => {
    expect(fileForPath(root, '/')).toBe(join(root, 'index.html'));
    expect(fileForPath(root, '/secret-outside.txt')).toBe(join(root, 'secret-outside.txt'));
    expect(fileForPath(root, '/nothing.txt')).toBeNull();
  });
});

describe('cacheControlFor', () => {
  it.each([
    ['/sw.js', 'no-cache'],
    ['/index.html', 'no-cache'],
    ['/assets/x-1.js', 'public, max-age=31536000, immutable'],
    ['/favicon.ico', 'public, max-age=3600'],
  ])('%s → %s', (path, expected) => {
    expect(cacheControlFor(path)).toBe(expected);
  });
});
