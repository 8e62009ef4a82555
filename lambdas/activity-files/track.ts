// Distance and moving time from timed positions (GPX trackpoints, FIT records), added up as they are read.

export interface TrackPoint {
  lat: number;
  lon: number;
  /** Milliseconds since the epoch, when the point has a time. */
  timeMs?: number | undefined;
}

const EARTH_RADIUS_M = 6_371_008.8;
/** Slower than this between two points is standing still. */
export const MOVING_SPEED_M_PER_S = 0.5;
/** A longer gap between two points is a pause (the watch stopped recording), whatever the distance. */
export const MAX_MOVING_GAP_S = 30;

/** Great-circle distance in metres between two points in degrees. */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

export function isPosition(lat: number, lon: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}

/**
 * Distance: the sum of the steps between consecutive points of a segment. Moving time: the sum of the steps
 * that took under 30 s at more than 0.5 m/s, so a pause (no points for a while, or points in one place) is
 * left out. A new segment starts afresh: the step across segments counts for neither.
 */
export class TrackTotals {
  distanceM = 0;
  movingS = 0;
  /** The time of the first point that has one, in the order the points came. */
  firstTimeMs: number | undefined;
  #previous: TrackPoint | undefined;

  startSegment(): void {
    this.#previous = undefined;
  }

  add(point: TrackPoint): void {
    if (!isPosition(point.lat, point.lon)) return;
    if (point.timeMs !== undefined) this.firstTimeMs ??= point.timeMs;
    const previous = this.#previous;
    this.#previous = point;
    if (previous === undefined) return;
    const step = haversineM(previous.lat, previous.lon, point.lat, point.lon);
    this.distanceM += step;
    if (previous.timeMs === undefined || point.timeMs === undefined) return;
    const gapS = (point.timeMs - previous.timeMs) / 1000;
    if (gapS > 0 && gapS < MAX_MOVING_GAP_S && step / gapS > MOVING_SPEED_M_PER_S) this.movingS += gapS;
  }
}
