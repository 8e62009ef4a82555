// When the next plan goes out, as the preferences page says it (lambdas/http/preferences-form.ts), with luxon as the oracle.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatNextSend } from '#http/preferences-form';

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
] as const;

describe('formatNextSend', () => {
  it.each([
    ['2026-12-06T17:00:00.000Z', 'Europe/Berlin', 'Sunday 6 December at 18:00'],
    ['2026-12-06T09:00:00.000Z', 'Asia/Tokyo', 'Sunday 6 December at 18:00'],
    ['2026-07-12T16:00:00.000Z', 'Europe/Berlin', 'Sunday 12 July at 18:00'],
    ['2026-01-10T03:30:00.000Z', 'Asia/Kolkata', 'Saturday 10 January at 09:00'],
    ['2026-01-11T21:30:00.000Z', 'America/St_Johns', 'Sunday 11 January at 18:00'],
    ['2026-01-11T10:00:00.000Z', 'Pacific/Kiritimati', 'Monday 12 January at 00:00'],
    ['2026-11-01T05:30:00.000Z', 'America/New_York', 'Sunday 1 November at 01:30'],
    ['2026-12-06T18:00:00+01:00', 'UTC', 'Sunday 6 December at 17:00'],
  ])('%s in %s is "%s"', (instant, zone, expected) => {
    expect(formatNextSend(instant, zone)).toBe(expected);
  });

  it('says what luxon said, at any instant and in any of the zones', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2060-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...ZONES),
        (instant, zone) => {
          const iso = instant.toISOString();

          expect(formatNextSend(iso, zone)).toBe(
            DateTime.fromISO(iso, { zone }).setLocale('en-GB').toFormat("cccc d LLLL 'at' HH:mm"),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['not a time', 'Europe/Berlin', /ISO instant/],
    ['2026-12-06T17:00:00', 'Europe/Berlin', /ISO instant/], // no zone: whose 17:00?
    ['2026-02-30T17:00:00Z', 'Europe/Berlin', /ISO instant/],
    ['2026-12-06T17:00:00Z', 'Mars/Base', /IANA time zone/],
  ])('refuses %j in %s', (instant, zone, error) => {
    expect(() => formatNextSend(instant, zone)).toThrow(error);
  });
});
