// The one script the pages carry: it fills in the browser's time zone and sends the subscribe form in place.
import { createHash } from 'node:crypto';

/**
 * Progressive enhancement only: without it the form posts and the server answers with a whole page. With it,
 * the same request goes out by fetch and the server's own answer (the result, or the form with its field
 * errors, worded by the API's rules) replaces the page's main part, and focus moves to what changed. So the
 * messages are never written twice. Any failure falls back to the ordinary post.
 */
export const ENHANCE_SCRIPT = `(function () {
  'use strict';
  function enhance(first) {
    var form = document.querySelector('form[data-enhance]');
    if (!form) return;
    var zone = form.querySelector('#timeZone');
    // Only on a fresh form: on one sent back with errors, an empty zone is what the message is about.
    if (first && zone && zone.value === '' && !document.getElementById('error-summary')) {
      try { zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) {}
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
      fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        headers: { accept: 'text/html' },
        credentials: 'same-origin'
      })
        .then(function (response) { return response.text(); })
        .then(function (text) {
          var next = new DOMParser().parseFromString(text, 'text/html');
          var main = next.querySelector('main');
          var current = document.querySelector('main');
          if (!main || !current) throw new Error('not a page');
          current.replaceWith(document.adoptNode(main));
          document.title = next.title;
          var target = document.querySelector('#error-summary') || document.querySelector('main h1');
          if (target) target.focus();
          enhance(false);
        })
        .catch(function () { form.submit(); });
    });
  }
  enhance(true);
})();`;

/** The script's hash for the Content-Security-Policy, so no other inline script can run. */
export const ENHANCE_SCRIPT_HASH = createHash('sha256').update(ENHANCE_SCRIPT).digest('base64');
