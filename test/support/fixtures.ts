// Shared test data: the example subscriber preferences (Berlin, Sundays at 18:00).
import type { Preferences } from '#domain/types';

export const BERLIN_PREFERENCES: Preferences = {
  weeklyVolume: 90,
  unit: 'min',
  runDays: 3,
  timeZone: 'Europe/Berlin',
  sendDay: 'sun',
  sendHour: 18,
  rampRate: 0.025,
  runHour: 7,
};
