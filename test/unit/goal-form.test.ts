// Issue 17 at the edges: where a runner starts and their race, through the JSON API, the sign-up form and the
// preferences form.
import { describe, expect, it } from 'vitest';
import { preferencesSchema } from '#domain/types';
import { formFieldOf, goalFormValues, goalFromForm } from '#http/goal-form';
import { formErrors, preferencesFormValues, readPreferencesForm } from '#http/preferences-form';
import { parseSubscribeBody, parseSubscribeForm } from '#http/subscribe-request';

const body = {
  email: 'ana@example.com',
  weeklyVolume: 90,
  unit: 'min',
  runDays: 3,
  timeZone: 'Europe/Berlin',
  sendDay: 'sun',
  sendHour: 18,
};
const form = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));

describe('start and goal through the API and the forms', () => {
  it('takes start and a dated goal in the JSON body, and stays valid without them', () => {
    const withGoal = parseSubscribeBody({
      ...body,
      start: 'some',
      goal: { distance: '10k', date: '2027-05-02' },
    });
    expect(withGoal.ok && withGoal.value.preferences).toMatchObject({
      start: 'some',
      goal: { distance: '10k', date: '2027-05-02' },
    });
    const plain = parseSubscribeBody(body);
    expect(plain.ok && plain.value.preferences.goal).toBeUndefined();
    const bad = parseSubscribeBody({ ...body, start: 'couch', goal: { distance: '7k', date: '2027-02-30' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.fields)).toEqual(expect.arrayContaining(['start']));
  });

  it('reads the sign-up form: a non-runner needs no weekly amount, a custom distance in km, a race day', () => {
    const { weeklyVolume: _, ...noAmount } = form;
    const parsed = parseSubscribeForm({
      ...noAmount,
      unit: 'km',
      start: 'new',
      goalDistance: 'custom',
      goalKm: '8',
      goalDate: '2027-04-11',
    });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.value.preferences).toMatchObject({
        start: 'new',
        unit: 'min',
        goal: { distance: { km: 8 }, date: '2027-04-11' },
      });
    }
    const wrong = parseSubscribeForm({ ...form, goalDistance: 'custom', goalKm: 'far', goalDate: 'soon' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(Object.keys(wrong.fields)).toEqual(expect.arrayContaining(['goalKm', 'goalDate']));
  });

  it('keeps start and goal through the preferences form, both ways', () => {
    const stored = preferencesSchema.parse({
      ...body,
      start: 'returning',
      goal: { distance: 'half', date: '2027-10-03' },
    });
    const values = preferencesFormValues(stored);
    expect(values).toMatchObject({
      start: 'returning',
      goalDistance: 'half',
      goalKm: '',
      goalDate: '2027-10-03',
    });
    expect(readPreferencesForm(values)).toMatchObject({
      start: 'returning',
      goal: { distance: 'half', date: '2027-10-03' },
    });
    expect(readPreferencesForm({ ...values, goalDistance: '' }).goal).toBeUndefined();
    expect(goalFromForm({ goalDistance: 'marathon' })).toEqual({ distance: 'marathon' });
    expect(goalFormValues({ distance: { mi: 10 } })).toMatchObject({
      goalDistance: 'custom',
      goalKm: '16.1',
    });
    expect(formFieldOf('goal.distance.km')).toBe('goalKm');
    expect(formFieldOf('goalVolume')).toBe('goalVolume');
    expect(formErrors({ 'goal.date': 'must be a date like 2027-05-02' }, values, 90, 'min')).toEqual({
      goalDate: 'must be a date like 2027-05-02',
    });
  });
});
