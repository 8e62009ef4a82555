// Tests for the POST /subscribe body parser (lambdas/http/subscribe-request.ts) and preferencesSchema.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidEmailAddress } from '#domain/email-address';
import { MAX_WEEKLY_VOLUME, preferencesSchema, UNITS } from '#domain/types';
import { parseSubscribeBody } from '#http/subscribe-request';

const FIELDS = [
  'email',
  'weeklyVolume',
  'unit',
  'runDays',
  'timeZone',
  'sendDay',
  'sendHour',
  'rampRate',
  'goalVolume',
];
const REQUIRED = ['email', 'weeklyVolume', 'unit', 'runDays', 'timeZone', 'sendDay', 'sendHour'];

function exampleBody(): Record<string, unknown> {
  return {
    email: 'ana@example.com',
    weeklyVolume: 90,
    unit: 'min',
    runDays: 3,
    timeZone: 'Europe/Berlin',
    sendDay: 'sun',
    sendHour: 18,
  };
}

function fieldsOf(raw: unknown): Record<string, string> {
  const result = parseSubscribeBody(raw);
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.value)}`);
  return result.fields;
}

describe('parseSubscribeBody', () => {
  it('accepts the example body and defaults the ramp rate to 2.5%', () => {
    // Act
    const result = parseSubscribeBody(exampleBody());

    // Assess
    expect(result).toEqual({
      ok: true,
      value: {
        email: 'ana@example.com',
        preferences: {
          weeklyVolume: 90,
          unit: 'min',
          runDays: 3,
          timeZone: 'Europe/Berlin',
          sendDay: 'sun',
          sendHour: 18,
          rampRate: 0.025,
          runHour: 7,
        },
      },
    });
  });

  it('accepts the optional fields and ignores extra ones', () => {
    const result = parseSubscribeBody({
      ...exampleBody(),
      rampRate: 0.05,
      goalVolume: 150,
      runHour: 19,
      admin: true,
      status: 'active',
      preferences: { x: 1 },
    });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.preferences).toEqual({
      weeklyVolume: 90,
      unit: 'min',
      runDays: 3,
      timeZone: 'Europe/Berlin',
      sendDay: 'sun',
      sendHour: 18,
      rampRate: 0.05,
      goalVolume: 150,
      runHour: 19,
    });
    expect(Object.keys(result.value)).toEqual(['email', 'preferences']);
  });

  it('refuses a weekly volume too small to plan from', () => {
    expect(fieldsOf({ ...exampleBody(), weeklyVolume: 2 }).weeklyVolume).toMatch(/at least 5 min/);
    expect(fieldsOf({ ...exampleBody(), unit: 'km', weeklyVolume: 0.2 }).weeklyVolume).toMatch(
      /at least 0.5 km/,
    );
  });

  it('trims the email address', () => {
    const result = parseSubscribeBody({ ...exampleBody(), email: '  ana@example.com ' });

    expect(result.ok && result.value.email).toBe('ana@example.com');
  });

  it('says every required field is required at once', () => {
    expect(fieldsOf({})).toEqual(Object.fromEntries(REQUIRED.map((f) => [f, 'is required'])));
  });

  it('names every invalid field at once', () => {
    // Prepare
    const body = {
      email: 'not an address',
      weeklyVolume: -5,
      unit: 'furlongs',
      runDays: 8,
      timeZone: 'Mars/Base',
      sendDay: 'someday',
      sendHour: 24,
      rampRate: 0.5,
      goalVolume: 0,
    };

    // Act
    const fields = fieldsOf(body);

    // Assess
    expect(fields).toEqual({
      email: 'must be a valid email address such as ana@example.com',
      weeklyVolume: 'must be a positive number',
      unit: 'must be one of min, km, mi',
      runDays: 'must be 1 to 7',
      timeZone: 'must be an IANA time zone such as Europe/Berlin',
      sendDay: 'must be one of mon, tue, wed, thu, fri, sat, sun',
      sendHour: 'must be 0 to 23',
      rampRate: 'must be 0.01 to 0.10',
      goalVolume: 'must be a positive number',
    });
  });

  it('lists the address first, then the preferences in the schema order, as the form shows them', () => {
    // Act
    const fields = fieldsOf({ weeklyVolume: -5, email: 'not an address', unit: 'furlongs' });

    // Assess
    expect(Object.keys(fields)).toEqual(['email', ...REQUIRED.filter((f) => f !== 'email')]);
    expect(fields.email).toBe('must be a valid email address such as ana@example.com');
  });

  it('refuses a goal at or below the current weekly volume', () => {
    expect(fieldsOf({ ...exampleBody(), weeklyVolume: 90, goalVolume: 90 }).goalVolume).toMatch(
      /more than weeklyVolume/,
    );
    expect(fieldsOf({ ...exampleBody(), weeklyVolume: 90, goalVolume: 60 }).goalVolume).toMatch(
      /more than weeklyVolume/,
    );
  });

  it('names a too-large weekly volume together with other invalid fields', () => {
    const fields = fieldsOf({ ...exampleBody(), weeklyVolume: 2000, runDays: 0, email: 'x' });

    expect(Object.keys(fields).sort()).toEqual(['email', 'runDays', 'weeklyVolume']);
    expect(fields.weeklyVolume).toBe('must be at most 1500 min a week');
  });

  it.each([
    ['runDays', 0, 'must be 1 to 7'],
    ['runDays', 8, 'must be 1 to 7'],
    ['runDays', 2.5, 'must be a whole number'],
    ['runDays', '3', undefined],
    ['sendHour', -1, 'must be 0 to 23'],
    ['sendHour', 24, 'must be 0 to 23'],
    ['sendHour', 1.5, 'must be a whole hour'],
    ['sendHour', '18', undefined],
    ['unit', 'miles', 'must be one of min, km, mi'],
    ['unit', 'MIN', 'must be one of min, km, mi'],
    ['unit', 1, 'must be one of min, km, mi'],
    ['sendDay', 'sunday', 'must be one of mon, tue, wed, thu, fri, sat, sun'],
    ['sendDay', 0, 'must be one of mon, tue, wed, thu, fri, sat, sun'],
    ['timeZone', 'Mars/Base', 'must be an IANA time zone such as Europe/Berlin'],
    ['timeZone', '', 'must be an IANA time zone such as Europe/Berlin'],
    ['timeZone', 42, undefined],
    ['weeklyVolume', 0, 'must be a positive number'],
    ['weeklyVolume', -1, 'must be a positive number'],
    ['weeklyVolume', 1501, 'must be at most 1500 min a week'],
    ['weeklyVolume', '90', undefined],
    ['weeklyVolume', null, undefined],
    ['rampRate', 0.005, 'must be 0.01 to 0.10'],
    ['rampRate', 0.11, 'must be 0.01 to 0.10'],
    ['goalVolume', -10, 'must be a positive number'],
    ['goalVolume', 1600, 'must be at most 1500 min a week'],
    ['email', 'ana@', 'must be a valid email address such as ana@example.com'],
    ['email', 'a@b.com\r\nBcc: x@y.z', 'must be a valid email address such as ana@example.com'],
    ['email', 42, 'must be an email address'],
  ])('rejects %s = %j and names only that field', (field, value, message) => {
    // Act
    const fields = fieldsOf({ ...exampleBody(), [field]: value });

    // Assess: a message of our own where we wrote one, otherwise at least some message.
    expect(Object.keys(fields)).toEqual([field]);
    if (message !== undefined) expect(fields[field]).toBe(message);
    else expect(fields[field]).toMatch(/\S/);
  });

  it.each(UNITS)('caps the weekly volume in %s at its own maximum', (unit) => {
    const max = MAX_WEEKLY_VOLUME[unit];

    expect(parseSubscribeBody({ ...exampleBody(), unit, weeklyVolume: max }).ok).toBe(true);
    expect(fieldsOf({ ...exampleBody(), unit, weeklyVolume: max + 0.5 })).toEqual({
      weeklyVolume: `must be at most ${max} ${unit} a week`,
    });
  });

  it.each([
    [0, 'mon'],
    [23, 'sun'],
  ])('accepts the boundary send hour %d on %s', (sendHour, sendDay) => {
    expect(parseSubscribeBody({ ...exampleBody(), sendHour, sendDay }).ok).toBe(true);
  });

  it.each([
    ['null', null],
    ['an array', [exampleBody()]],
    ['a string', JSON.stringify(exampleBody())],
    ['a number', 42],
    ['a boolean', true],
    ['undefined', undefined],
  ])('rejects %s as the body', (_label, raw) => {
    expect(parseSubscribeBody(raw)).toEqual({ ok: false, fields: { body: 'must be a JSON object' } });
  });

  it('never throws, and either accepts a valid subscription or names at least one known field', () => {
    // Bodies near the valid one, with fields dropped, replaced or added, and arbitrary values.
    const nearValid = fc
      .record({
        drop: fc.subarray(FIELDS),
        replace: fc.dictionary(fc.constantFrom(...FIELDS), fc.jsonValue(), { maxKeys: 3 }),
        extra: fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
      })
      .map(({ drop, replace, extra }) => {
        const body: Record<string, unknown> = { ...extra, ...exampleBody(), ...replace };
        for (const field of drop) delete body[field];
        return body;
      });
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), nearValid), (raw) => {
        // Act
        const result = parseSubscribeBody(raw);

        // Assess
        if (result.ok) {
          expect(isValidEmailAddress(result.value.email)).toBe(true);
          expect(preferencesSchema.safeParse(result.value.preferences).success).toBe(true);
        } else {
          const keys = Object.keys(result.fields);
          expect(keys.length).toBeGreaterThan(0);
          for (const key of keys) {
            expect([...FIELDS, 'body']).toContain(key);
            expect(result.fields[key]).toMatch(/\S/);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('names exactly the fields that were dropped from a valid body', () => {
    fc.assert(
      fc.property(fc.subarray(REQUIRED, { minLength: 1 }), (dropped) => {
        const body = exampleBody();
        for (const field of dropped) delete body[field];

        expect(fieldsOf(body)).toEqual(Object.fromEntries(dropped.map((f) => [f, 'is required'])));
      }),
      { numRuns: 200 },
    );
  });
});
