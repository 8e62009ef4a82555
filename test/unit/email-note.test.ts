// The short note email (acknowledgments, the email sign-up link): escaped, both parts, the footer.
import { describe, expect, it } from 'vitest';
import { renderNoteEmail } from '../../lambdas/email/note';

const operator = { name: 'Knee Coach', postalAddress: '1 Example Street, Testville' };

describe('renderNoteEmail', () => {
  it('puts every paragraph, the button and the footer in both parts', () => {
    const email = renderNoteEmail({
      subject: 'Got it: knee 4/10',
      preheader: 'Thanks',
      heading: 'Thanks for telling us',
      paragraphs: ['Got it: knee 4/10.', 'Next week holds at 62 min.'],
      button: { url: 'https://coach.test/confirm?token=a&b=c', label: 'Set up my plan' },
      footerNote: 'You got this email because you replied to your weekly plan.',
      operator,
    });
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Thanks for telling us');
      expect(part).toContain('Next week holds at 62 min.');
      expect(part).toContain('1 Example Street, Testville');
      expect(part).toContain('education, not medical advice');
    }
    expect(email.html).toContain('href="https://coach.test/confirm?token=a&amp;b=c"');
    expect(email.text).toContain('Set up my plan: https://coach.test/confirm?token=a&b=c');
    expect(email.html).not.toContain('{{');
  });

  it('escapes what a subscriber could influence and refuses a javascript: link', () => {
    const email = renderNoteEmail({
      subject: 's',
      preheader: 'p',
      heading: '<script>alert(1)</script>',
      paragraphs: ['"><img src=x onerror=alert(1)>'],
      footerNote: 'f',
      operator,
    });
    expect(email.html).not.toMatch(/<script|<img/i);
    expect(email.text).toContain('<script>alert(1)</script>');
    expect(() =>
      renderNoteEmail({
        subject: 's',
        preheader: 'p',
        heading: 'h',
        paragraphs: [],
        button: { url: 'javascript:alert(1)', label: 'x' },
        footerNote: 'f',
        operator,
      }),
    ).toThrow();
  });
});
