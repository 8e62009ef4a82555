// `npm run preview`: writes each persona's weekly email as .html, .txt and .ics into preview/ to look at.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderWeeklyPlanEmail } from '#email/render';
import { escapeHtml } from '#email/template';
import { buildPersonas } from './personas';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PREVIEW_DIR = join(projectRoot, 'preview');

interface Written {
  title: string;
  subject: string;
  decision: string;
  files: string[];
}

// The render module needs the compiled templates: `npm run preview` builds them first.
function main(): void {
  mkdirSync(PREVIEW_DIR, { recursive: true });
  const written: Written[] = [];
  for (const persona of buildPersonas()) {
    const email = renderWeeklyPlanEmail(persona.input);
    const base = join(PREVIEW_DIR, persona.id);
    const files = [`${base}.html`, `${base}.txt`];
    writeFileSync(`${base}.html`, email.html);
    writeFileSync(`${base}.txt`, `Subject: ${email.subject}\n\n${email.text}`);
    for (const attachment of email.attachments ?? []) {
      writeFileSync(`${base}.ics`, attachment.content);
      files.push(`${base}.ics`);
    }
    written.push({
      title: persona.title,
      subject: email.subject,
      decision: persona.input.plan.decision,
      files,
    });
  }

  // An index page, so one browser tab reaches every sample.
  const items = written
    .map((w) => {
      const links = w.files.map((f) => {
        const name = relative(PREVIEW_DIR, f);
        return `<a href="${escapeHtml(name)}">${escapeHtml(name)}</a>`;
      });
      return `<li><strong>${escapeHtml(w.title)}</strong> (${escapeHtml(w.decision)}): ${escapeHtml(w.subject)}<br>${links.join(' · ')}</li>`;
    })
    .join('\n');
  const index = join(PREVIEW_DIR, 'index.html');
  writeFileSync(
    index,
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Weekly email previews</title><body style="font-family:sans-serif;max-width:720px;margin:2em auto;line-height:1.5"><h1>Weekly email previews</h1><ul>\n${items}\n</ul></body></html>\n`,
  );

  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'start' : 'xdg-open';
  const shown = (f: string) => relative(process.cwd(), f) || f;
  for (const w of written) {
    console.log(`${w.title} [${w.decision}]: ${w.subject}`);
    for (const f of w.files) console.log(`  ${shown(f)}`);
  }
  console.log(
    `\nOpen them all from ${shown(index)}, e.g. \`${opener} ${shown(index)}\` (or open the file in any browser).`,
  );
  console.log(
    'The .txt files are the plain-text parts; import an .ics file into a calendar app to see the events.',
  );
}

main();
