// The send-time fill: escaping, raw fragments, and loud failure on a missing or unexpected value.
import { describe, expect, it } from 'vitest';
import { confirmHtml, weeklyPlanHtml } from '#email/compiled/templates.generated';
import { escapeHtml, fillTemplate, html, parseTemplate, SafeHtml, TemplateError } from '#email/template';

describe('escapeHtml', () => {
  it('escapes the five HTML specials and braces', () => {
    expect(escapeHtml(`<a href="x" title='y'>&{{z}}</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#123;&#123;z&#125;&#125;&lt;/a&gt;',
    );
  });

  it('returns plain text unchanged', () => {
    expect(escapeHtml('Easy run: 10 min')).toBe('Easy run: 10 min');
  });
});

describe('html tag', () => {
  it('escapes interpolated strings and numbers but keeps SafeHtml and arrays of it', () => {
    // Prepare
    const inner = html`<b>${'<i>'}</b>`;

    // Act
    const out = html`<p>${'"x"'} ${3} ${inner}${[html`<br>`, html`${'&'}`]}</p>`;

    // Assess
    expect(out.value).toBe('<p>&quot;x&quot; 3 <b>&lt;i&gt;</b><br>&amp;</p>');
  });
});

describe('fillTemplate', () => {
  const template = parseTemplate('t', '<a href="{{url}}">{{label}}</a>{{{rows}}}');

  it('escapes {{x}} values (attributes included) and inserts {{{x}}} fragments as built', () => {
    // Act
    const out = fillTemplate(template, {
      url: 'https://x.test/?a=1&b="><script>',
      label: '<script>alert(1)</script>',
      rows: html`<tr><td>${'<b>'}</td></tr>`,
    });

    // Assess
    expect(out).toBe(
      '<a href="https://x.test/?a=1&amp;b=&quot;&gt;&lt;script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</a>' +
        '<tr><td>&lt;b&gt;</td></tr>',
    );
  });

  it('throws when a placeholder has no value', () => {
    expect(() => fillTemplate(template, { url: 'https://x.test', rows: SafeHtml.empty })).toThrow(
      /no value for \{\{label\}\}/,
    );
  });

  it('throws for a value the template has no placeholder for', () => {
    expect(() =>
      fillTemplate(template, { url: 'https://x.test', label: 'x', rows: SafeHtml.empty, nmae: 'typo' }),
    ).toThrow(/no placeholder \{\{nmae\}\}/);
  });

  it('refuses a plain string in a raw slot and a fragment in an escaped slot', () => {
    expect(() => fillTemplate(template, { url: 'https://x.test', label: 'x', rows: '<tr>' })).toThrow(
      TemplateError,
    );
    expect(() =>
      fillTemplate(template, { url: 'https://x.test', label: html`<b>`, rows: SafeHtml.empty }),
    ).toThrow(TemplateError);
  });

  it('rejects malformed placeholders when the template is loaded', () => {
    expect(() => parseTemplate('bad', '<p>{{first-name}}</p>')).toThrow(/malformed placeholder/);
    expect(() => parseTemplate('bad', '<p>{{a}}{{{a}}}</p>')).toThrow(/both escaped and raw/);
  });

  it('throws for the real templates when any value is missing', () => {
    // Prepare
    const weekly = parseTemplate('weekly-plan', weeklyPlanHtml);
    const confirm = parseTemplate('confirm', confirmHtml);

    // Assess
    expect(() => fillTemplate(weekly, {})).toThrow(/weekly-plan has no value for \{\{subject\}\}/);
    expect(() => fillTemplate(confirm, { subject: 'x', preheader: 'y' })).toThrow(/confirm has no value/);
  });
});
