// The app's service worker: precaches the app shell after the first visit so a reload works offline.
// web/vite.config.ts fills in the precache list and the version at build time.
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `massage-coach-${VERSION}`;
const scope = self.registration.scope;
const indexUrl = new URL('index.html', scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((path) => new URL(path, scope).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith('massage-coach-') && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Records are never cached: they belong to whoever is logged in, and must be current.
  if (url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    // Network first for the page, so a new version shows when online; the cached shell when offline.
    event.respondWith(
      fetch(request).catch(() => caches.match(indexUrl).then((hit) => hit ?? Response.error())),
    );
    return;
  }
  // Hashed assets never change: cache first, and keep what the network brings.
  event.respondWith(
    caches.match(request).then(
      (hit) =>
        hit ??
        fetch(request).then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        }),
    ),
  );
});
