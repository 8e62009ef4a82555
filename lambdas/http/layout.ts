// The frame every page of the api Lambda shares: one stylesheet, the header and footer, and its security policy.
import { html, raw, SafeHtml } from '#lambdas/html';
import { ENHANCE_SCRIPT, ENHANCE_SCRIPT_HASH } from './enhance';

/**
 * One small stylesheet, inline so a page is a single request. Sizes are in rem so the reader's font setting
 * wins; colours keep at least 4.5:1 contrast for text and 3:1 for borders and the focus ring.
 */
const STYLES = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f7f5;color:#1d2b24;line-height:1.5;overflow-wrap:break-word}
.site{max-width:38rem;margin:0 auto;padding:1rem 1.25rem}
.brand{font-weight:700;color:#1d5e3a;text-decoration:none;font-size:1.05rem}
.brand:hover{text-decoration:underline}
main{display:block;max-width:38rem;margin:0 auto;padding:2rem;background:#fff;border-radius:12px}
h1{font-size:1.6rem;line-height:1.25;margin-top:0}
h2{font-size:1.2rem;margin:2rem 0 .5rem}
a{color:#1d5e3a}
ul.points{padding-left:1.2rem}
ul.points li{margin:.4rem 0}
button{font:inherit;font-weight:600;padding:.75rem 1.4rem;border:0;border-radius:8px;background:#1f6f4a;color:#fff;cursor:pointer;min-height:2.75rem}
button:hover{background:#185a3c}
button.danger{background:#a3201a}
button[disabled]{opacity:.7;cursor:progress}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #0b4f8a;outline-offset:2px}
[tabindex="-1"]:focus{outline:none}
code,pre{background:#eef3f0;border-radius:6px;padding:.1rem .3rem;overflow-x:auto}
pre{padding:.8rem}
.muted{color:#4b5b53;font-size:.95rem}
.error{color:#a3201a;font-weight:600}
.notice{background:#eef3f0;border-radius:8px;padding:.8rem 1rem}
input,select{font:inherit;font-size:1rem;padding:.5rem .6rem;margin-top:.3rem;max-width:100%;border:1px solid #5b6b63;border-radius:6px;background:#fff;color:inherit}
input[aria-invalid="true"],select[aria-invalid="true"]{border:2px solid #a3201a}
fieldset{border:1px solid #c5d2ca;border-radius:8px;margin:1.2rem 0;padding:.4rem 1rem .8rem;min-width:0}
legend{font-weight:700;padding:0 .3rem}
.field{margin:1.1rem 0}
.field>label,.field>.label{display:block;font-weight:700}
.hint{display:block;color:#4b5b53;font-size:.95rem}
.field .error{display:block;margin-top:.2rem}
.field input.wide{width:100%}
.pair{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}
.pair .field{margin:.4rem 0}
.summary{border:3px solid #a3201a;border-radius:8px;padding:.8rem 1rem;margin-bottom:1.5rem}
.summary h2{margin-top:0;font-size:1.15rem}
.summary ul{margin:.4rem 0 0;padding-left:1.2rem}
.summary a{color:#a3201a;font-weight:600}
footer.site p{margin:.5rem 0 2rem}
@media (max-width:40rem){main{border-radius:0;padding:1.25rem 1rem}.site{padding:.8rem 1rem}h1{font-size:1.4rem}}
`
  .trim()
  .replace(/\n/g, '');

// Our own constant CSS, no input in it; escaping would turn its quotes and braces into entities.
const STYLE_ELEMENT = raw(`<style>${STYLES}</style>`);
// The script runs by its hash in PAGE_CSP, so its bytes must go out exactly as hashed: no escaping.
const ENHANCE_ELEMENT = raw(`<script>${ENHANCE_SCRIPT}</script>\n`);

/**
 * The pages' Content-Security-Policy: nothing loads from anywhere, the one inline script runs by its hash, and
 * it may only talk back to this API. Forms post to this API only.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  `script-src 'sha256-${ENHANCE_SCRIPT_HASH}'`,
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface PageOptions {
  /** The visible heading, when it should say more than the browser tab's title. */
  heading?: string;
  /** Adds the small script that enhances the subscribe form; every page works without it. */
  enhance?: boolean;
}

export function page(title: string, body: SafeHtml, options: PageOptions = {}): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Knee Coach</title>
${STYLE_ELEMENT}
</head>
<body>
<header class="site"><a class="brand" href="/">Knee Coach</a></header>
<main id="main">
<h1 tabindex="-1">${options.heading ?? title}</h1>
${body}
</main>
<footer class="site"><p class="muted">Knee Coach is education, not medical advice.</p></footer>
${options.enhance ? ENHANCE_ELEMENT : SafeHtml.empty}</body>
</html>`.value;
}

export const WEEKDAY_NAMES: [string, string][] = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
];

export const HOURS: [string, string][] = Array.from({ length: 24 }, (_, h) => [
  String(h),
  `${String(h).padStart(2, '0')}:00`,
]);

const SELECTED = html` selected`;

export function options(
  pairs: readonly (readonly [string, string])[],
  selected: string | undefined,
): SafeHtml {
  return html`${pairs.map(
    ([value, label]) =>
      html`<option value="${value}"${value === selected ? SELECTED : SafeHtml.empty}>${label}</option>`,
  )}`;
}
