// One activity as the module hands it out: rounded, and with the fingerprint that recognises it again.
import { createHash } from 'node:crypto';
import type { Activity, ActivitySport } from './types';

// Instants outside these years are a broken clock or an unset field, not an activity.
const EARLIEST_MS = Date.UTC(1990, 0, 1);
const LATEST_MS = Date.UTC(2100, 0, 1);

export interface ActivityFacts {
  startMs: number;
  sport: ActivitySport;
  sportName: string;
  distanceM: number;
  movingS: number;
}

/** The activity, or undefined when its start is not a plausible instant. */
export function toActivity(facts: ActivityFacts): Activity | undefined {
  const { startMs, sport, sportName } = facts;
  if (!Number.isFinite(startMs) || startMs < EARLIEST_MS || startMs >= LATEST_MS) return undefined;
  const startedAt = new Date(Math.floor(startMs / 1000) * 1000).toISOString();
  const tens = Number.isFinite(facts.distanceM) && facts.distanceM > 0 ? Math.round(facts.distanceM / 10) : 0;
  const movingMinutes =
    Number.isFinite(facts.movingS) && facts.movingS > 0 ? Math.round(facts.movingS / 6) / 10 : 0;
  return {
    startedAt,
    sport,
    sportName,
    distanceKm: tens / 100,
    movingMinutes,
    fingerprint: fingerprintOf(startedAt, sport, tens),
  };
}

/** sha-256 of start, sport and distance in tens of metres, as 32 hex digits. */
export function fingerprintOf(startedAt: string, sport: ActivitySport, distanceTensOfMetres: number): string {
  return createHash('sha256')
    .update(`${startedAt}|${sport}|${distanceTensOfMetres}`)
    .digest('hex')
    .slice(0, 32);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** An XML dateTime as milliseconds; one without a zone is UTC (as GPX and TCX say). Undefined if not one. */
export function parseInstant(text: string): number | undefined {
  const trimmed = text.trim();
  if (!ISO_INSTANT.test(trimmed)) return undefined;
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) ? trimmed : `${trimmed}Z`);
  return Number.isFinite(ms) ? ms : undefined;
}
