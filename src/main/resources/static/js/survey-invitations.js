// Survey invitations: "copy" puts an invitation link on the clipboard (falls back to selecting it).
(function () {
  'use strict';
  document.addEventListener('click', function (event) {
    var button = event.target.closest ? event.target.closest('[data-copy-link]') : null;
    if (!button) {
      return;
    }
    var input = document.getElementById(button.getAttribute('data-copy-target'));
    if (!input) {
      return;
    }
    var done = function () {
      var label = button.textContent;
      button.textContent = button.getAttribute('data-copied');
      window.setTimeout(function () { button.textContent = label; }, 1500);
    };
    input.focus();
    input.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand('copy'); done(); });
    } else {
      document.execCommand('copy');
      done();
    }
  });
})();
