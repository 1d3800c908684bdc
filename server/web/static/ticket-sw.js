// The ticket page's service worker, served as /t/sw.js (scope /t/). It does
// one thing: show the page's notifications (Android Chrome shows a page's
// notification only through a service worker) and bring the ticket's page
// back when the citizen taps one. It caches nothing and sees no request: a
// ticket's address carries its token and must never be stored.
'use strict';

self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (e) { e.waitUntil(self.clients.claim()); });

self.addEventListener('notificationclick', function (e) {
  e.notification.close();
  var url = (e.notification.data && e.notification.data.url) || '/';
  e.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (list) {
    for (var i = 0; i < list.length; i++) {
      if (list[i].url === url && 'focus' in list[i]) return list[i].focus();
    }
    if (self.clients.openWindow) return self.clients.openWindow(url);
  }));
});
