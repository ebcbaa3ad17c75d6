// LoopCRM page behaviour. No inline scripts anywhere (the Content-Security-Policy forbids them).
(function () {
  'use strict';

  // htmx requests carry the CSRF token from the layout's meta tags
  document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });

  // a session that ran out answers htmx with the sign-in page: go there instead of nesting it
  document.addEventListener('htmx:beforeSwap', function (event) {
    var xhr = event.detail.xhr;
    if (xhr && xhr.responseURL && /\/login(\?|$)/.test(new URL(xhr.responseURL).pathname + '?')) {
      window.location.href = xhr.responseURL;
      event.detail.shouldSwap = false;
    }
  });

  // forms with data-confirm ask before they submit
  document.addEventListener('submit', function (event) {
    var message = event.target.getAttribute && event.target.getAttribute('data-confirm');
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
})();
