// The deploy settings read from CDK context: defaults, coercion of -c strings, and errors that name the key.
import { App } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { DEPLOY_DEFAULTS, readDeploySettings } from '#lib/settings';
import { cdkJson } from './fixtures';

const read = (context: Record<string, unknown>) => readDeploySettings(new App({ context }).node);

describe('readDeploySettings', () => {
  it('keeps cdk.json context defaults identical to the code fallbacks', () => {
    // Assess
    // The app compiles the email templates first, so `npx cdk synth` works on a fresh clone.
    expect(cdkJson.app).toBe('npm run -s build && npx tsx bin/app.ts');
    for (const [key, value] of Object.entries(DEPLOY_DEFAULTS)) {
      expect(cdkJson.context[key], key).toEqual(value);
    }
  });

  it('falls back to the defaults, with no alarm email when it is empty', () => {
    // Act
    const settings = read({});

    // Assess
    expect(settings).toEqual({ ...DEPLOY_DEFAULTS, alarmEmail: undefined });
  });

  it('coerces strings passed with -c and normalizes domains and addresses', () => {
    // Act
    const settings = read({
      sendingDomain: ' Run.Example.org ',
      fromAddress: 'Coach <hello@run.example.org>',
      dueShards: '8',
      sendConcurrency: '25',
      logRetentionDays: '90',
      rawMailRetentionDays: '7',
      alarmEmail: ' ops@run.example.org ',
      signupsPerSourcePerHour: '300',
      signupsPerAddressPerHour: '10',
      maxConfirmSends: '5',
    });

    // Assess
    expect(settings).toMatchObject({
      signupsPerSourcePerHour: 300,
      signupsPerAddressPerHour: 10,
      maxConfirmSends: 5,
      sendingDomain: 'run.example.org',
      dueShards: 8,
      sendConcurrency: 25,
      logRetentionDays: RetentionDays.THREE_MONTHS,
      rawMailRetentionDays: 7,
      alarmEmail: 'ops@run.example.org',
    });
  });

  it('lists every bad key in one error, with how to fix it', () => {
    // Act
    const readBad = () => read({ dueShards: 0, operatorName: ' ' });

    // Assess
    expect(readBad).toThrow(/\n {2}- "operatorName" must not be empty \(got " "\)\n/);
    expect(readBad).toThrow(/\n {2}- "dueShards" must be a whole number from 1 to 64 \(got 0\)\n/);
    expect(readBad).toThrow(/Fix it in cdk.json under "context", or pass it with -c <key>=<value>/);
  });

  it.each([
    [{ dueShards: 'many' }, /"dueShards" must be a whole number from 1 to 64 \(got "many"\)/],
    [{ sendConcurrency: 1 }, /"sendConcurrency" must be a whole number from 2 to 1000/],
    [{ logRetentionDays: 31 }, /"logRetentionDays" must be one of the CloudWatch Logs retention periods/],
    [{ sendingDomain: 'not a domain' }, /"sendingDomain" must be a domain name/],
    [{ inboundDomain: '' }, /"inboundDomain" must be a domain name/],
    [{ operatorAddress: '  ' }, /"operatorAddress" must not be empty/],
    [{ rawMailRetentionDays: 0 }, /"rawMailRetentionDays" must be a whole number from 1 to 365 \(got 0\)/],
    [{ rawMailRetentionDays: '2 weeks' }, /"rawMailRetentionDays" must be a whole number from 1 to 365/],
    [{ rawMailRetentionDays: 30.5 }, /"rawMailRetentionDays" must be a whole number from 1 to 365/],
    [{ fromAddress: 'coach' }, /"fromAddress" must be an address such as/],
    [
      { signupsPerSourcePerHour: 0 },
      /"signupsPerSourcePerHour" must be a whole number from 1 to 100000 \(got 0\)/,
    ],
    [
      { signupsPerSourcePerHour: 'lots' },
      /"signupsPerSourcePerHour" must be a whole number from 1 to 100000/,
    ],
    [{ signupsPerAddressPerHour: 2.5 }, /"signupsPerAddressPerHour" must be a whole number from 1 to 1000/],
    [{ maxConfirmSends: 11 }, /"maxConfirmSends" must be a whole number from 1 to 10 \(got 11\)/],
    [{ alarmEmail: 'ops at example.org' }, /"alarmEmail" must be an email address such as/],
    [
      { fromAddress: 'Coach <coach@elsewhere.org>' },
      /"fromAddress" must be an address at the sending domain/,
    ],
  ])('rejects bad context %j with an error naming the key', (context, message) => {
    // Act
    const readBad = () => read({ ...cdkJson.context, ...context });

    // Assess
    expect(readBad).toThrow(message);
  });
});
