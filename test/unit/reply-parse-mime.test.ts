// Tests for parsing an inbound reply: headers, recipients, bodies, charsets, plain text, limits and errors.
import { describe, expect, it } from 'vitest';
import { isReplyError, understandReply } from '#domain/reply/index';
import { looksLikeMessage, type ParsedReply, parseReplyMessage } from '#domain/reply/parse-mime';

const REPLY_TO = 'reply+s7f3k2.2026-11-30.q8Zr1x@reply.coach.test';

function eml(headers: string[], body: string): string {
  return `${headers.join('\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}`;
}

const HEADERS = [
  `Delivered-To: ${REPLY_TO}`,
  'X-Original-To: Reply+S7F3K2.2026-11-30.q8Zr1x@reply.coach.test',
  'From: "Pereira, Ana" <ana@example.com>',
  `To: Knee Coach <${REPLY_TO}>`,
  'Cc: coach-team@coach.test, Undisclosed: ;',
  'Subject: =?UTF-8?Q?Re:_Your_week_5_plan_=E2=80=93_3_runs?=',
  'Date: Tue, 1 Dec 2026 07:41:09 +0100',
  'Message-ID: <CAJx7Q1@mail.gmail.com>',
  'In-Reply-To: <0102018f.week5@eu-west-1.amazonses.com>',
  'References: <0102018e.week4@eu-west-1.amazonses.com> <0102018f.week5@eu-west-1.amazonses.com>',
  'MIME-Version: 1.0',
];

async function parsed(raw: string | Buffer): Promise<ParsedReply> {
  const result = await parseReplyMessage(raw);
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

describe('parseReplyMessage', () => {
  it('reads the headers the coach needs', async () => {
    // Act
    const reply = await parsed(eml([...HEADERS, 'Content-Type: text/plain; charset=utf-8'], 'Knee 2/10'));

    // Assess
    expect(reply).toMatchObject({
      isRawMessage: true,
      from: 'ana@example.com',
      subject: 'Re: Your week 5 plan – 3 runs',
      messageId: '<CAJx7Q1@mail.gmail.com>',
      inReplyTo: '<0102018f.week5@eu-west-1.amazonses.com>',
      references: ['<0102018e.week4@eu-west-1.amazonses.com>', '<0102018f.week5@eu-west-1.amazonses.com>'],
      date: '2026-12-01T06:41:09.000Z',
      text: 'Knee 2/10',
      bodyFrom: 'text',
    });
  });

  it('lists every recipient once: To, Cc, Delivered-To and X-Original-To', async () => {
    // Act
    const reply = await parsed(eml([...HEADERS, 'Content-Type: text/plain'], 'Knee 2/10'));

    // Assess
    expect(reply.recipients).toEqual([REPLY_TO, 'coach-team@coach.test']);
  });

  it('keeps a missing or unreadable Date as null, never the current time', async () => {
    const withoutDate = HEADERS.filter((h) => !h.startsWith('Date:'));
    expect((await parsed(eml(withoutDate, 'Knee 2/10'))).date).toBeNull();
    expect((await parsed(eml([...withoutDate, 'Date: sometime last week'], 'Knee 2/10'))).date).toBeNull();
  });

  it('prefers the text part of a multipart/alternative message', async () => {
    // Prepare
    const body = [
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Knee 2/10 from the text part',
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<div>Knee 9/10 from the html part</div>',
      '--b1--',
    ].join('\n');

    // Act
    const reply = await parsed(eml([...HEADERS, 'Content-Type: multipart/alternative; boundary="b1"'], body));

    // Assess
    expect(reply.text.trim()).toBe('Knee 2/10 from the text part');
    expect(reply.bodyFrom).toBe('text');
  });

  it('converts an HTML-only body, with its quotes as "> " lines', async () => {
    // Act
    const reply = await parsed(
      eml(
        [...HEADERS, 'Content-Type: text/html; charset=utf-8'],
        '<div>Knee 2/10</div><blockquote>Your plan</blockquote>',
      ),
    );

    // Assess
    expect(reply.bodyFrom).toBe('html');
    expect(reply.text).toBe('Knee 2/10\n\n> Your plan');
  });

  it('decodes quoted-printable, base64 and non-UTF-8 charsets', async () => {
    const qp = await parsed(
      eml(
        [
          ...HEADERS,
          'Content-Type: text/plain; charset=iso-8859-1',
          'Content-Transfer-Encoding: quoted-printable',
        ],
        'Genou 2/10 apr=E8s la course, H=E9l=E8ne',
      ),
    );
    expect(qp.text).toBe('Genou 2/10 après la course, Hélène');
    const base64 = await parsed(
      eml(
        [...HEADERS, 'Content-Type: text/plain; charset=windows-1252', 'Content-Transfer-Encoding: base64'],
        Buffer.from([
          ...Buffer.from('Knie 4/10 ', 'latin1'),
          0x96,
          ...Buffer.from(' über Nacht', 'latin1'),
        ]).toString('base64'),
      ),
    );
    expect(base64.text).toBe('Knie 4/10 – über Nacht');
  });

  it('reads plain text without headers as the body', async () => {
    // Act
    const reply = await parsed('knee 3/10, fine next morning\n\nthanks');

    // Assess
    expect(reply).toMatchObject({
      isRawMessage: false,
      from: null,
      recipients: [],
      text: 'knee 3/10, fine next morning\n\nthanks',
    });
  });

  it('does not mistake a reply that starts with "Pain: 3" for a header', async () => {
    expect((await parsed('Pain: 3\nSwelling: none\n\nThanks')).isRawMessage).toBe(false);
  });

  it('decodes header-less bytes as UTF-8, or as Windows-1252 when they are not UTF-8', async () => {
    expect((await parsed(Buffer.from('Knie 3/10, über Nacht gut', 'utf8'))).text).toBe(
      'Knie 3/10, über Nacht gut',
    );
    expect(
      (await parsed(Buffer.from([0x4b, 0x6e, 0x69, 0x65, 0x20, 0xfc, 0x62, 0x65, 0x72, 0x20, 0x96]))).text,
    ).toBe('Knie über –');
  });

  it('refuses input over the size cap with a clear error', async () => {
    // Act
    const result = await parseReplyMessage('x'.repeat(2048), { maxBytes: 1024 });

    // Assess
    expect(result).toEqual({
      ok: false,
      error: { code: 'too-large', message: 'The message is 2048 bytes; the limit is 1024 bytes.' },
    });
  });

  it('counts bytes, not characters, against the cap', async () => {
    const result = await parseReplyMessage('ü'.repeat(600), { maxBytes: 1000 });
    expect(result.ok).toBe(false);
  });

  it('does not throw on malformed messages', async () => {
    const broken = [
      eml(
        [...HEADERS, 'Content-Type: multipart/mixed; boundary="zz"'],
        '--zz\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n!!!!\n',
      ),
      eml([...HEADERS, 'Content-Type: multipart/alternative'], 'no boundary at all'),
      eml([...HEADERS, 'Content-Type: text/plain; charset=x-unknown-charset'], 'Knee 2/10'),
      eml(['From: <<<@@@>>>', 'To: ,,,', 'Subject: =?bogus?Q?x?='], 'Knee 2/10'),
      'From: a@b.example\nTo: c@d.example\n',
      '\u0000\u0001\u0002',
    ];
    for (const raw of broken) await expect(parseReplyMessage(raw)).resolves.toBeDefined();
  });
});

describe('looksLikeMessage', () => {
  it.each([
    ['From: a@b.example\nTo: c@d.example\n\nbody', true],
    ['From sender@example.com Tue Dec  1 07:41:09 2026\nFrom: a@b.example\nSubject: x\n\nbody', true],
    ['Received: from x\n  by y\nFrom: a@b.example\n\nbody', true],
    ['Subject: knee\n\nKnee 3/10', false],
    ['Knee: 3\nHip: 2\n\nThanks', false],
    ['knee 3/10', false],
    ['', false],
  ])('%j → %s', (head, expected) => {
    expect(looksLikeMessage(head)).toBe(expected);
  });
});

describe('understandReply', () => {
  it('returns the CLI fields first, then the extras', async () => {
    // Act
    const result = await understandReply(
      eml(
        [...HEADERS, 'Content-Type: text/plain'],
        'Knee 4/10, fine the next morning. New shoes.\n\nOn Mon, 30 Nov 2026 at 18:02, Knee Coach <coach@coach.test> wrote:\n> stop',
      ),
    );

    // Assess
    if (isReplyError(result)) throw new Error(result.error.message);
    expect(Object.keys(result).slice(0, 5)).toEqual(['text', 'pain', 'changes', 'commands', 'redFlags']);
    expect(result).toMatchObject({
      text: 'Knee 4/10, fine the next morning. New shoes.',
      pain: { score: 4, settledNextMorning: true },
      changes: ['shoes'],
      commands: [],
      redFlags: [],
      settledStated: true,
      note: null,
      from: 'ana@example.com',
    });
  });

  it('passes a parse error on', async () => {
    expect(await understandReply('knee 2/10', { maxBytes: 3 })).toEqual({
      error: { code: 'too-large', message: 'The message is 9 bytes; the limit is 3 bytes.' },
    });
  });
});
