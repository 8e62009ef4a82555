// The preview personas, planned by the real engine: each email renders whole, and both parts tell the same week.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildPersonas } from '#bin/personas';
import { CHART_LEGEND } from '#email/chart';
import { formatAmount, formatDate, formatDoneOfPlanned, shownRunAmounts } from '#email/format';
import { lastWeekLine, pastWeekPoint } from '#email/last-week';
import { DECISION_HEADLINES, renderWeeklyPlanEmail } from '#email/render';
import { escapeHtml } from '#email/template';

const personas = buildPersonas();

/** The text part's lines for one day of the week table. */
function textDay(text: string, label: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`  ${label} `));
  const block = [lines[start] ?? ''];
  for (const l of lines.slice(start + 1)) {
    if (!/^ {14}\S/.test(l)) break;
    block.push(l);
  }
  return block.join('\n');
}

describe('preview personas', () => {
  it('cover the weeks the preview is meant to show', () => {
    // Assess
    expect(Object.fromEntries(personas.map((p) => [p.id, p.input.plan.decision]))).toEqual({
      beginner: 'progress',
      'knee-pain': 'back-off',
      paused: 'pause',
      'goal-reached': 'maintain',
      'ill-week': 'hold',
      returning: 'return',
      'from-zero': 'progress',
      'early-race': 'progress',
    });
    for (const p of personas) expect(p.input.history.length).toBeGreaterThanOrEqual(3);
    const kneePain = personas.find((p) => p.id === 'knee-pain');
    expect(kneePain?.input.history.map((h) => h.report?.pain?.score)).toEqual([3, 3, 4, 3, 4, 4, 6]);
  });

  describe.each(personas.map((p) => [p.id, p] as const))('%s', (_, persona) => {
    const { plan, history } = persona.input;
    const email = renderWeeklyPlanEmail(persona.input);

    it('renders a whole email: no placeholder left, no markup in the text part', () => {
      // Assess
      expect(email.html).toMatch(/^<!doctype html>/i);
      expect(email.html).not.toContain('{{');
      expect(email.text).not.toContain('{{');
      expect(email.text).not.toMatch(/<\/?[a-z][^>]*>/i);
      expect(email.html).toContain(`<title>${escapeHtml(email.subject)}</title>`);
    });

    it('tells the same week in both parts: runs, headline, reason and tip', () => {
      // Assess
      const headline = DECISION_HEADLINES[plan.decision];
      expect(email.text.split('\n')[1]).toBe(headline);
      expect(email.html).toContain(`>${headline}</div>`);
      expect(email.text).toContain(plan.reason);
      expect(email.html).toContain(escapeHtml(plan.reason));
      expect(email.text).toContain(plan.tip.text);
      expect(email.html).toContain(escapeHtml(plan.tip.text));
      const shownAmounts = shownRunAmounts(
        plan.runs.map((r) => r.amount),
        plan.unit,
      );
      for (const [i, run] of plan.runs.entries()) {
        const label = formatDate(run.date);
        const amount = formatAmount(shownAmounts[i] as number, plan.unit);
        expect(textDay(email.text, label)).toContain(amount);
        expect(email.html).toMatch(new RegExp(`>${label}</th><td[^>]*>(?:(?!</td>).)*${amount}`));
      }
    });

    it('charts the past weeks with their pain scores in both parts', () => {
      // Assess
      for (const week of history) {
        const point = pastWeekPoint(week, plan.unit);
        const label = formatDate(week.weekStart);
        const textRow = email.text.split('\n').find((l) => l.startsWith(`  ${label} `) && /[█▒░]/.test(l));
        expect(textRow, label).toBeDefined();
        const amount =
          point.done === undefined
            ? point.planned > 0
              ? `plan ${formatAmount(point.planned, plan.unit)}`
              : 'rest week'
            : formatDoneOfPlanned(point.done, point.planned, plan.unit);
        expect(textRow).toContain(amount);
        expect(email.html).toContain(amount);
        expect(email.html).toContain(`>${label.slice(4)}</th>`);
        if (point.painScore !== undefined) {
          expect(textRow).toContain(`pain ${point.painScore}/10`);
          expect(email.html).toContain(`pain ${point.painScore}/10`);
        }
      }
      expect(email.text.replace(/\n/g, ' ')).toContain(CHART_LEGEND);
    });

    it('says how last week went, planned against done, in both parts', () => {
      // Assess
      const line = lastWeekLine(history, plan.weekStart, plan.unit);
      expect(line).toMatch(/^Last week: /);
      expect(email.text.replace(/\n/g, ' ')).toContain(line);
      expect(email.html).toContain(escapeHtml(line ?? ''));
    });

    it('attaches a calendar with every run and strength session when there is any', () => {
      // Assess
      const sessions = plan.runs.length + plan.strength.length;
      if (sessions === 0) {
        expect(email.attachments).toBeUndefined();
        return;
      }
      const calendar = new TextDecoder().decode(email.attachments?.[0]?.content);
      const events = new ICAL.Component(ICAL.parse(calendar)).getAllSubcomponents('vevent');
      expect(events).toHaveLength(sessions);
    });
  });
});
