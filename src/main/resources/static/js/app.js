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

  // filter forms mirror the address bar: after "back" (htmx restores the page, but not what
  // was typed into inputs) and after a sort or page link changed the URL
  function syncFilters(onlyHidden) {
    var form = document.getElementById('filters');
    if (!form) {
      return;
    }
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || element.type === 'submit' || (onlyHidden && element.type !== 'hidden')) {
        return;
      }
      var value = params.get(element.name);
      if (value === null && element.tagName === 'SELECT') {
        element.selectedIndex = 0;
      } else {
        element.value = value === null ? '' : value;
      }
    });
  }
  document.addEventListener('htmx:historyRestore', function () { syncFilters(false); });
  document.addEventListener('htmx:pushedIntoHistory', function () { syncFilters(true); });

  // forms with data-confirm ask before they submit
  document.addEventListener('submit', function (event) {
    var message = event.target.getAttribute && event.target.getAttribute('data-confirm');
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
})();
