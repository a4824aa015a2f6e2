/*
 * Service worker of the check-in page: keeps the page shell and its assets so
 * /checkin and /checkin/join/<token> open with no network. Only GETs of the
 * shell are answered from the cache; GraphQL (POST) always goes to the network.
 * The server writes the content version into this file, so a new page version
 * means a new worker, a new cache, and the old cache deleted.
 */
'use strict';

var VERSION = '__VERSION__';
var CACHE = 'finreach-checkin-' + VERSION;
var SHELL = '/checkin';
var ASSETS = [
  SHELL,
  '/checkin/app.js?v=' + VERSION,
  '/checkin/app.css?v=' + VERSION,
  '/checkin/manifest.webmanifest?v=' + VERSION,
  '/checkin/icon.svg?v=' + VERSION,
];

self.addEventListener('install', function (event) {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(function (cache) {
        return cache.addAll(ASSETS.map(function (url) { return new Request(url, { cache: 'reload' }); }));
      })
      .then(function () { return self.skipWaiting(); }),
  );
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (keys) {
        return Promise.all(
          keys.filter(function (key) { return key.indexOf('finreach-checkin-') === 0 && key !== CACHE; }).map(function (key) { return caches.delete(key); }),
        );
      })
      .then(function () { return self.clients.claim(); }),
  );
});

function isShellNavigation(request, url) {
  return request.mode === 'navigate' && (url.pathname === '/checkin' || url.pathname === '/checkin/' || /^\/checkin\/join\/[^/]+\/?$/.test(url.pathname));
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return; // GraphQL and every other write: straight to the network, never cached
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  var key = isShellNavigation(request, url) ? SHELL : ASSETS.indexOf(url.pathname + url.search) > 0 ? url.pathname + url.search : null;
  if (!key) return;
  // Cache first: a phone on a weak network gets the page at once; updates arrive as a new worker.
  event.respondWith(
    caches.open(CACHE).then(function (cache) {
      return cache.match(key).then(function (hit) {
        return (
          hit ||
          fetch(request).then(function (response) {
            if (response.ok && key !== SHELL) cache.put(key, response.clone());
            return response;
          })
        );
      });
    }),
  );
});
