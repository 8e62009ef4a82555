// Tests for keeping only what the person wrote: quotes, attributions, header blocks, signatures, HTML.
import { describe, expect, it } from 'vitest';
import { htmlToText, visibleText } from '#domain/reply/visible-text';

const QUOTE = '> Week 5: 3 runs\n> How did your knee feel (0-10)?\n> Stop if it swells.';
const HISTORY = 'Week 5: 3 runs\nHow did your knee feel (0-10)?\nStop if it swells.';

describe('attribution lines', () => {
  it.each([
    'On Mon, 30 Nov 2026 at 18:02, Knee Coach <coach@coach.test> wrote:',
    'On Mon, Nov 30, 2026 at 6:02 PM Knee Coach <coach@coach.test> wrote:',
    'On 30 Nov 2026, at 18:02, Knee Coach <coach@coach.test> wrote:',
    'On Monday, November 30, 2026, 06:02:11 PM GMT+1, Knee Coach <coach@coach.test> wrote:',
    'On 30/11/2026 18:02, Knee Coach wrote:',
    'On Mon, 30 Nov 2026, at 18:02, Knee Coach wrote:',
    'On Monday, November 30th, 2026 at 18:02, Knee Coach <coach@coach.test> wrote:',
    'Am 30.11.2026 um 18:02 schrieb Knee Coach <coach@coach.test>:',
    'Am Mo., 30. Nov. 2026 um 18:02 Uhr schrieb Knee Coach <coach@coach.test>:',
    'Knee Coach <coach@coach.test> schrieb am Mo., 30. Nov. 2026, 18:02:',
    'Le lun. 30 nov. 2026 à 18:02, Knee Coach <coach@coach.test> a écrit :',
    'Le 30 nov. 2026 à 18:02, Knee Coach <coach@coach.test> a écrit :',
    'El lun, 30 nov 2026 a las 18:02, Knee Coach (<coach@coach.test>) escribió:',
    'Op ma 30 nov. 2026 om 18:02 schreef Knee Coach <coach@coach.test>:',
    'Op 30 nov. 2026 om 18:02 heeft Knee Coach <coach@coach.test> het volgende geschreven:',
    'Il giorno lun 30 nov 2026 alle ore 18:02 Knee Coach <coach@coach.test> ha scritto:',
    'Em seg., 30 de nov. de 2026 às 18:02, Knee Coach <coach@coach.test> escreveu:',
    'Den mån 30 nov. 2026 kl 18:02 skrev Knee Coach <coach@coach.test>:',
    '30 nov. 2026 kl. 18:02 skrev Knee Coach <coach@coach.test>:',
    'W dniu pon., 30 lis 2026 o 18:02 Knee Coach <coach@coach.test> napisał(a):',
    '2026年11月30日(月) 18:02 Knee Coach <coach@coach.test>:',
    '2026-11-30 18:02 GMT+01:00 Knee Coach <coach@coach.test>:',
  ])('drops %j with the quote it introduces', (attribution) => {
    expect(visibleText(`Knee 3/10\n\n${attribution}\n\n${QUOTE}\n`)).toBe('Knee 3/10');
  });

  it('drops an attribution that introduces unquoted history, and the history', () => {
    expect(
      visibleText(
        `Knee 1/10\n\n    On Monday, November 30, 2026, 06:02:11 PM GMT+1, Knee Coach <coach@coach.test> wrote:  \n \n ${HISTORY}`,
      ),
    ).toBe('Knee 1/10');
  });

  it('joins an attribution Gmail wrapped over two lines', () => {
    const text = 'Knee 2/10\n\nOn Mon, 30 Nov 2026 at 18:02, Knee Coach <\ncoach@coach.test> wrote:\n\n';
    expect(visibleText(`${text}${QUOTE}`)).toBe('Knee 2/10');
  });

  it('keeps a sentence of the person that merely ends in "wrote:"', () => {
    expect(visibleText('My physio wrote:\nrest two days, then easy runs')).toBe(
      'My physio wrote:\nrest two days, then easy runs',
    );
    expect(visibleText('On Monday my physio wrote:\nrest two days')).toBe(
      'On Monday my physio wrote:\nrest two days',
    );
  });
});

describe('header blocks, original and forwarded messages', () => {
  it.each([
    [
      'Outlook',
      'From: Knee Coach <coach@coach.test>\nSent: Monday, November 30, 2026 6:02 PM\nTo: Mark\nSubject: Plan',
    ],
    [
      'Outlook without an address',
      'From: Knee Coach\nSent: Monday, November 30, 2026 6:02 PM\nTo: Mark Ellis\nSubject: Plan',
    ],
    ['Outlook in bold', '*From:* Knee Coach <coach@coach.test>\n*Sent:* Monday\n*To:* Mark\n*Subject:* Plan'],
    [
      'German',
      'Von: Knee Coach <coach@coach.test>\nGesendet: Montag, 30. November 2026 18:02\nAn: Klaus\nBetreff: Plan',
    ],
    [
      'French',
      'De : Knee Coach <coach@coach.test>\nEnvoyé : lundi 30 novembre 2026 18:02\nÀ : Julien\nObjet : Plan',
    ],
    [
      'Spanish',
      'De: Knee Coach <coach@coach.test>\nEnviado: lunes, 30 de noviembre\nPara: Pablo\nAsunto: Plan',
    ],
    [
      'Italian',
      'Da: Knee Coach <coach@coach.test>\nInviato: lunedì 30 novembre 2026\nA: Marco\nOggetto: Plan',
    ],
    ['Swedish', 'Från: Knee Coach <coach@coach.test>\nSkickat: den 30 november 2026\nTill: Erik\nÄmne: Plan'],
    [
      'GMX',
      'Gesendet: Montag, 30. November 2026 um 18:02 Uhr\nVon: "Knee Coach" <coach@coach.test>\nAn: Jonas\nBetreff: Plan',
    ],
    [
      'Outlook separator',
      '________________________________\nFrom: Knee Coach <coach@coach.test>\nSent: Monday\nTo: Tom\nSubject: Plan',
    ],
    ['Original Message', '-----Original Message-----\nFrom: Knee Coach\nSent: Monday'],
    ['Mensaje original', '-----Mensaje original-----\nDe: Knee Coach'],
    [
      'Android original',
      '-------- Original message --------\nFrom: Knee Coach <coach@coach.test> \nDate: 30/11/2026',
    ],
    ['Ursprüngliche Nachricht', '-----Ursprüngliche Nachricht-----\nVon: Knee Coach'],
    [
      'Gmail forward',
      '---------- Forwarded message ---------\nFrom: Riverside Physio <clinic@physio.example>',
    ],
    ['Thunderbird forward', '-------- Forwarded Message --------\nSubject: Plan'],
    ['Apple forward', 'Begin forwarded message:\n\nFrom: Knee Coach <coach@coach.test>'],
  ])('cuts at the %s block', (_name, block) => {
    expect(visibleText(`Knee 2/10, fine next morning.\n\n${block}\n\n${HISTORY}\nknee 9/10, swelling`)).toBe(
      'Knee 2/10, fine next morning.',
    );
  });

  it('keeps a person’s own "From:" line that is not a header block', () => {
    expect(visibleText('From: the physio, rest 2 days.\nKnee 3/10')).toBe(
      'From: the physio, rest 2 days.\nKnee 3/10',
    );
  });
});

describe('inline replies', () => {
  it('keeps the person’s lines between quotes and drops the quotes', () => {
    const body = [
      'On Mon, 30 Nov 2026 at 18:02, Knee Coach <coach@coach.test> wrote:',
      '',
      '> How did your knee feel (0-10)?',
      '',
      '4, still a bit sore the next morning.',
      '',
      '> Did anything change?',
      '>',
      'New shoes.',
      '> Stop if it swells, locks or gives way.',
    ].join('\n');
    expect(visibleText(body)).toBe('4, still a bit sore the next morning.\n\nNew shoes.');
  });

  it('keeps a bottom-posted reply below the quote', () => {
    expect(
      visibleText(`On 30 Nov 2026, at 18:02, Knee Coach <coach@coach.test> wrote:\n\n${QUOTE}\n\nKnee 2/10`),
    ).toBe('Knee 2/10');
  });
});

describe('signatures and device lines', () => {
  it.each([
    'Sent from my iPhone',
    'Sent from my Galaxy',
    'Sent from my Huawei phone',
    'Sent from Yahoo Mail for iPhone',
    'Sent from Mail for Windows',
    'Sent with Proton Mail secure email.',
    'Get Outlook for iOS<https://aka.ms/o0ukef>',
    'Get Outlook for Android',
    'Von meinem iPhone gesendet',
    'Envoyé de mon iPhone',
    'Enviado desde mi iPhone',
    'Inviato da iPhone',
    'Verstuurd vanaf mijn iPhone',
    'Enviado do meu iPhone',
    'Skickat från min iPhone',
  ])('drops the device line %j', (line) => {
    expect(visibleText(`Knee 2/10\n\n${line}`)).toBe('Knee 2/10');
  });

  it('drops a "-- " signature to the end of its block', () => {
    expect(visibleText('Knee 2/10\n-- \nPiotr Nowak\nhttps://piotr.example\n+48 600 100 200')).toBe(
      'Knee 2/10',
    );
  });

  it('drops a signature block after a sign-off and a name, keeping both', () => {
    expect(
      visibleText(
        'Knee 2/10\n\nRegards,\nAna Pereira\nSenior Analyst | Acme Corp\n+44 20 7946 0000\nwww.acme.example',
      ),
    ).toBe('Knee 2/10\n\nRegards,\nAna Pereira');
  });

  it('keeps what follows a sign-off when it is not a signature', () => {
    expect(visibleText('Hi coach\nCheers!\nKnee 3/10, fine next morning.')).toBe(
      'Hi coach\nCheers!\nKnee 3/10, fine next morning.',
    );
    expect(visibleText('Hi coach,\nThanks!\nKnee 3/10\nStill sore the next day')).toBe(
      'Hi coach,\nThanks!\nKnee 3/10\nStill sore the next day',
    );
  });

  it('keeps a P.S. or a line with a score after the name', () => {
    expect(visibleText('Thanks,\nAna\nP.S. knee was fine next morning')).toBe(
      'Thanks,\nAna\nP.S. knee was fine next morning',
    );
    expect(visibleText('Hi\nRegards\nAna\nKnee 3/10')).toBe('Hi\nRegards\nAna\nKnee 3/10');
  });

  it('drops a confidentiality notice', () => {
    expect(
      visibleText(
        'Knee 2/10\n\nThis email and any attachments are confidential and intended solely for the addressee.',
      ),
    ).toBe('Knee 2/10');
  });

  it('keeps inline answers below an iPhone signature placed above the quote', () => {
    const body =
      'Sent from my iPhone\n\nOn 30 Nov 2026, at 18:02, Coach <coach@coach.test> wrote:\n\n> Knee?\nKnee 3/10\n> Changes?';
    expect(visibleText(body)).toBe('Knee 3/10');
  });
});

describe('HTML bodies', () => {
  it('turns blockquotes into quotes that are then dropped (Gmail)', () => {
    const html =
      '<div dir="ltr">Knee 3/10<br>fine next morning</div><div class="gmail_quote"><div class="gmail_attr">On Mon, 30 Nov 2026 at 18:02, Knee Coach &lt;coach@coach.test&gt; wrote:<br></div><blockquote class="gmail_quote">Your plan. Stop if it swells.</blockquote></div>';
    expect(visibleText(htmlToText(html))).toBe('Knee 3/10\nfine next morning');
  });

  it('cuts Outlook’s reply header (divRplyFwdMsg after appendonsend)', () => {
    const html =
      '<div>Knee 2/10</div><div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> Knee Coach &lt;coach@coach.test&gt;<br><b>Sent:</b> Monday<br><b>To:</b> Priya<br><b>Subject:</b> Plan</div><div>Stop if it swells.</div>';
    expect(visibleText(htmlToText(html))).toBe('Knee 2/10');
  });

  it('treats Yahoo’s quoted container as a quote', () => {
    const html =
      '<div>Knee 1/10</div><div class="yahoo_quoted"><div>On Monday, November 30, 2026, Knee Coach wrote:</div><div>Stop if it swells.</div></div>';
    expect(visibleText(htmlToText(html))).toBe('Knee 1/10');
  });

  it('skips signatures the clients mark, images, styles and link targets', () => {
    const html =
      '<style>p{color:red}</style><p>Knee 2/10, see <a href="https://x.example/long">my log</a> <img src="cid:1" alt="chart"></p><div class="gmail_signature">Sam Okafor<br>+1 415 555 0134</div>';
    expect(visibleText(htmlToText(html))).toBe('Knee 2/10, see my log');
  });

  it('never throws on broken markup', () => {
    expect(() => htmlToText('<div><p>Knee 2/10<blockquote><<<>>>&&&;<b')).not.toThrow();
    expect(visibleText(htmlToText('<div><p>Knee 2/10<blockquote>old'))).toBe('Knee 2/10');
  });
});

describe('text handling', () => {
  it('normalises line endings, non-breaking spaces and zero-width characters', () => {
    expect(visibleText('Knee\u00a02/10\u200b\r\nfine next morning\r\n')).toBe('Knee 2/10\nfine next morning');
  });

  it('collapses the gaps left by dropped lines', () => {
    expect(visibleText('Knee 2/10\n\n\n\n\nNew shoes\n\n\n')).toBe('Knee 2/10\n\nNew shoes');
  });

  it('returns an empty string when nothing the person wrote remains', () => {
    expect(visibleText(`On 30 Nov 2026, at 18:02, Knee Coach <coach@coach.test> wrote:\n\n${QUOTE}`)).toBe(
      '',
    );
    expect(visibleText('')).toBe('');
  });
});
