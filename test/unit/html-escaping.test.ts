// Properties of the one HTML builder (lambdas/html.ts): any string put into a page or an email renders as text.

import { type ChildNode, type Document, isTag, isText } from 'domhandler';
import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { renderNoteEmail } from '#email/note';
import { renderConfirmationEmail } from '#email/render';
import { pages } from '#http/pages';
import { html, raw, SafeHtml } from '#lambdas/html';

// Pieces that break HTML when pasted in raw, mixed with ordinary text.
const hostileText = fc.oneof(
  fc
    .array(
      fc.constantFrom(
        '<script>alert(1)</script>',
        '</textarea><script>x</script>',
        '"><img src=x onerror=alert(1)>',
        "' onmouseover='alert(1)",
        '<!--',
        '-->',
        '<![CDATA[',
        '{{subject}}',
        '{{{footerNote}}}',
        '&amp;',
        '&',
        '<',
        '>',
        '"',
        "'",
        '=',
        '/',
        'knee',
        ' ',
        'é',
      ),
      { maxLength: 8 },
    )
    .map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
);

/** The same string with every character that means something to HTML swapped for a plain letter. */
function benign(text: string): string {
  return text.replace(/[<>&"'{}=/!\-[\]]/g, 'x');
}

/** The document's markup without its text: each element with its attribute names, and each comment. */
function skeleton(doc: Document): string[] {
  const out: string[] = [];
  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (isTag(node)) {
        out.push(`${node.name}[${Object.keys(node.attribs).join(' ')}]`);
        walk(node.children);
      } else if (node.type === 'comment') out.push('comment');
      else if ('children' in node) walk(node.children as ChildNode[]);
    }
  };
  walk(doc.children);
  return out;
}

function textOf(nodes: ChildNode[]): string {
  return nodes.map((node) => (isText(node) ? node.data : isTag(node) ? textOf(node.children) : '')).join('');
}

/** Both renders have the same elements, attributes and comments: the hostile string added none. */
function expectSameMarkup(hostile: string, plain: string): Document {
  const doc = parseDocument(hostile);
  expect(skeleton(doc)).toEqual(skeleton(parseDocument(plain)));
  return doc;
}

const operator = { name: 'Knee Coach', postalAddress: '1 Example Street, Testville' };

describe('html tag', () => {
  it('renders any interpolated string as the text and attribute value it was', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        // Act
        const doc = parseDocument(html`<p title="${text}">${text}</p>`.value);

        // Assess
        const [p, ...rest] = doc.children;
        expect(rest).toEqual([]);
        expect(p && isTag(p) ? p.name : undefined).toBe('p');
        if (p && isTag(p)) {
          expect(p.attribs.title).toBe(text);
          expect(textOf(p.children)).toBe(text);
        }
      }),
    );
  });

  it('keeps SafeHtml fragments and lists of them as markup, and escapes numbers like text', () => {
    const items = ['a<b', 'c'].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}</ul>${3}`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>3');
    expect(html`${SafeHtml.empty}`.value).toBe('');
  });

  it('passes raw markup through unchanged, for the compiled templates and the hashed script', () => {
    expect(html`<head>${raw('<style>a{b:"c"}</style>')}</head>`.value).toBe(
      '<head><style>a{b:"c"}</style></head>',
    );
  });

  it('cannot be fooled into trusting a string made outside it', () => {
    // @ts-expect-error the key is private to lambdas/html.ts
    expect(() => new SafeHtml(Symbol('SafeHtml'), '<script>')).toThrow(TypeError);
  });
});

describe('pages', () => {
  it('show any message, token or submitted value as text', () => {
    fc.assert(
      fc.property(hostileText, fc.boolean(), (text, flag) => {
        const render = (s: string) => {
          const values = {
            email: s,
            weeklyVolume: s,
            unit: s,
            runDays: s,
            sendDay: s,
            sendHour: s,
            timeZone: s,
            runHour: s,
            rampRate: s,
            goalVolume: s,
            weeks: s,
          };
          const errors = { email: s, timeZone: s, weeks: s, unknownField: s };
          return [
            pages.landing(values, errors),
            pages.checkInbox(s),
            pages.unsubscribeAsk(s),
            pages.confirmAsk(s),
            pages.profileForm(s, values, errors),
            pages.preferences({
              token: s,
              values,
              errors,
              paused: flag,
              redFlag: false,
              canPause: true,
              pauseError: s,
              notice: s,
            }),
            pages.preferencesSaved(s, s, s),
            pages.pauseChanged(s, flag, s),
            pages.notSubscribed(s),
            pages.eraseAsk(s, flag),
          ];
        };

        // Act
        const hostile = render(text);
        const plain = render(benign(text));

        // Assess
        hostile.forEach((page, i) => {
          const doc = expectSameMarkup(page, plain[i] as string);
          // The message pages say the string itself, decoded back to what was passed in.
          if (i === 1 || i === 6) expect(textOf(doc.children)).toContain(text);
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('emails', () => {
  it('show any note text, label and operator detail as text', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const render = (s: string) =>
          renderNoteEmail({
            subject: s,
            preheader: s,
            heading: s,
            paragraphs: [s, s],
            button: { url: 'https://coach.example/go', label: s },
            footerNote: s,
            preferencesUrl: 'https://coach.example/preferences',
            unsubscribeUrl: 'https://coach.example/unsubscribe',
            operator: { name: s, postalAddress: s },
          }).html;

        // Act
        const doc = expectSameMarkup(render(text), render(benign(text)));

        // Assess
        expect(textOf(doc.children)).toContain(text);
      }),
      { numRuns: 60 },
    );
  });

  it('show any time zone or operator detail in the confirmation email as text', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const render = (s: string) =>
          renderConfirmationEmail({
            confirmUrl: 'https://coach.example/confirm?token=t',
            operator: { ...operator, name: s },
            preferences: {
              weeklyVolume: 60,
              unit: 'min',
              runDays: 3,
              sendDay: 'sun',
              sendHour: 18,
              timeZone: s,
              rampRate: 0.025,
              runHour: 7,
            },
          }).html;

        // Assess
        expectSameMarkup(render(text), render(benign(text)));
      }),
      { numRuns: 60 },
    );
  });
});
