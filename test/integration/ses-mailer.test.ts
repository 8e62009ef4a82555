// The SES v2 mailer against the SES emulator: what we hand over is what a mailbox receives.
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { expect, inject, it } from 'vitest';
import { SesMailer } from '#adapters/ses-mailer';
import { mailbox, uniqueAddress } from '#test/support/local';

it('sends a simple-content email with reply-to, custom headers and an attachment', async () => {
  // Prepare
  const client = new SESv2Client({
    endpoint: inject('sesEndpoint'),
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const mailer = new SesMailer(client, 'Knee Coach <coach@coach.test>', 'coach-config-set');
  const to = uniqueAddress();

  // Act
  const messageId = await mailer.send({
    to,
    replyTo: 'reply+abc.20261130.xyz@reply.coach.test',
    subject: 'Week 1: 90 min over 3 easy runs',
    html: '<p>Hello</p>',
    text: 'Hello',
    headers: [{ name: 'List-Unsubscribe', value: '<http://coach.test/unsubscribe?token=t>' }],
    attachments: [
      {
        fileName: 'week.ics',
        contentType: 'text/calendar',
        content: new TextEncoder().encode('BEGIN:VCALENDAR'),
      },
    ],
  });

  // Assess
  const [email] = await mailbox(to);
  expect(email?.messageId).toBe(messageId);
  expect(email).toMatchObject({
    from: 'Knee Coach <coach@coach.test>',
    replyTo: ['reply+abc.20261130.xyz@reply.coach.test'],
    subject: 'Week 1: 90 min over 3 easy runs',
    body: { html: '<p>Hello</p>', text: 'Hello' },
  });
  expect(email?.headers).toContainEqual({
    name: 'List-Unsubscribe',
    value: '<http://coach.test/unsubscribe?token=t>',
  });
  expect(Buffer.from(email?.attachments[0]?.content ?? '', 'base64').toString()).toBe('BEGIN:VCALENDAR');
});
