// The short note email (acknowledgments, the email sign-up link): escaped, both parts, the footer.
import { describe, expect, it } from 'vitest';
import { renderNoteEmail } from '#email/note';

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
    expect(email.html).not.toContain('Unsubscribe');
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

describe('the preferences link in a note', () => {
  const note = {
    subject: 'Got it',
    preheader: 'Thanks',
    heading: 'Thanks for telling us',
    paragraphs: ['Got it: knee 2/10.'],
    footerNote: 'You got this email because you replied to your weekly plan.',
    operator,
  };

  it('is in both parts when given, escaped in the HTML', () => {
    // Act
    const email = renderNoteEmail({
      ...note,
      preferencesUrl: 'https://coach.test/preferences?token=a&b="c"',
    });

    // Assess
    expect(email.html).toContain(
      'You got this email because you replied to your weekly plan. <a href="https://coach.test/preferences?token=a&amp;b=&quot;c&quot;" style="color:#1d5e3a;">Your preferences</a>: send day, units, goal, pausing and your data.',
    );
    expect(email.text).toContain(
      'Your preferences (send day, units, goal, pausing and your data): https://coach.test/preferences?token=a&b="c"',
    );
  });

  it('is left out without one (an email sign-up is not subscribed yet), and must be a web link', () => {
    // Act
    const email = renderNoteEmail(note);

    // Assess
    expect(email.html).not.toContain('Your preferences');
    expect(email.text).not.toContain('Your preferences');
    expect(() => renderNoteEmail({ ...note, preferencesUrl: 'data:text/html,hi' })).toThrow(
      /preferencesUrl must be an http\(s\) URL/,
    );
  });
});

describe('renderNoteEmail for a subscriber', () => {
  it('carries the one-click unsubscribe link in both parts', () => {
    const email = renderNoteEmail({
      subject: 'Got it',
      preheader: 'p',
      heading: 'h',
      paragraphs: ['x'],
      footerNote: 'You got this email because you replied to your weekly plan.',
      unsubscribeUrl: 'https://coach.test/unsubscribe?token=t&x=1',
      operator,
    });
    expect(email.html).toContain('href="https://coach.test/unsubscribe?token=t&amp;x=1"');
    expect(email.text).toContain('Unsubscribe: https://coach.test/unsubscribe?token=t&x=1');
  });
});
