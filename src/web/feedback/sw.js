/*
 * Service worker of the feedback page: keeps the page shell and its assets so
 * /feedback/<token> opens on a weak network or none (the form itself is kept in
 * localStorage by the page). Only GETs of the shell are answered from the cache;
 * GraphQL (POST) always goes to the network. The server writes the content
 * version into this file, so a new page version means a new worker and cache.
 */
'use strict';

var VERSION = '__VERSION__';
var CACHE = 'finreach-feedback-' + VERSION;
var SHELL = '/feedback';
var ASSETS = [SHELL, '/feedback/assets/app.js?v=' + VERSION, '/feedback/assets/app.css?v=' + VERSION];

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
          keys.filter(function (key) { return key.indexOf('finreach-feedback-') === 0 && key !== CACHE; }).map(function (key) { return caches.delete(key); }),
        );
      })
      .then(function () { return self.clients.claim(); }),
  );
});

function isShellNavigation(request, url) {
  return request.mode === 'navigate' && /^\/feedback(\/[^/.]+)?\/?$/.test(url.pathname);
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return; // GraphQL: straight to the network, never cached
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  var key = isShellNavigation(request, url) ? SHELL : ASSETS.indexOf(url.pathname + url.search) > 0 ? url.pathname + url.search : null;
  if (!key) return;
  // Cache first: the page opens at once on a weak network; updates arrive as a new worker.
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
