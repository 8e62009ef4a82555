// What fills a week besides running: the strength sessions, cross-training and the weekly tip, in our own words.
import type { ChangeKind, Decision, StrengthExercise, Tip } from './types';

// The article's exercises. Strength protects (Lauersen 2014: strength training cut sports injuries to
// about a third, RR 0.315); stretching showed no preventive effect, so stretches are offered for comfort.
const EXERCISES: StrengthExercise[] = [
  {
    name: 'Lunge',
    sets: 2,
    reps: 8,
    cue: 'Step long, lower slowly, keep the front knee over the middle of the foot.',
  },
  { name: 'Side lunge', sets: 2, reps: 8, cue: 'Sit back into one hip and keep the other leg straight.' },
  {
    name: 'Side plank',
    sets: 2,
    holdSeconds: 20,
    cue: 'Keep a straight line from head to heels; drop to the knees if needed.',
  },
  {
    name: 'Quad stretch',
    sets: 1,
    holdSeconds: 30,
    cue: 'For comfort: hold a wall, heel towards the seat, knees together.',
  },
  {
    name: 'Hamstring stretch',
    sets: 1,
    holdSeconds: 30,
    cue: 'For comfort: heel on a low step, lean forward with a long back.',
  },
];

/** Adds a set every eight weeks and a rep (or five seconds of hold) every four, up to a modest ceiling. */
export function strengthExercises(weekNumber: number): StrengthExercise[] {
  const level = Math.min(6, Math.floor((Math.max(1, weekNumber) - 1) / 4));
  return EXERCISES.map((e) => {
    if (e.name.includes('stretch')) return { ...e };
    return {
      ...e,
      sets: e.sets + (level >= 2 ? 1 : 0),
      ...(e.reps === undefined ? {} : { reps: e.reps + Math.min(level, 4) }),
      ...(e.holdSeconds === undefined ? {} : { holdSeconds: e.holdSeconds + 5 * Math.min(level, 4) }),
    };
  });
}

export const TIPS: Record<string, Tip> = {
  cadence: {
    topic: 'cadence',
    text: 'Try slightly quicker, shorter steps, about 5% more per minute than you take now, so your foot lands closer under you: it eases the load on your knees.',
  },
  'one-change': {
    topic: 'one-change',
    text: 'Change one thing at a time. New shoes, a new route, hills or more distance: pick one and keep the rest the same for a couple of weeks.',
  },
  shoes: {
    topic: 'shoes',
    text: 'There is no perfect shoe. The best pair for you is the one that feels comfortable from the first step.',
  },
  surface: {
    topic: 'surface',
    text: 'Road, trail or track matters less than what your legs are used to. If you switch surfaces, do it a little at a time.',
  },
  rest: {
    topic: 'rest',
    text: 'Rest days are when your body adapts to the running. Keep at least one easy day between runs.',
  },
  'cross-training': {
    topic: 'cross-training',
    text: 'Cycling or swimming on a rest day keeps you fit without the pounding, so your knees get a break.',
  },
  pain: {
    topic: 'pain',
    text: 'Pain up to about 3 out of 10 that has settled by the next morning is fine. More than that, or pain that lingers, is a sign to ease off: tell us in your reply.',
  },
};

const ROTATION = ['cadence', 'one-change', 'shoes', 'surface', 'rest', 'cross-training', 'pain'] as const;

/** The tip that fits the week: about pain when easing off, about the change that was made, else the rotation. */
export function tipFor(weekNumber: number, decision: Decision, changes: ChangeKind[]): Tip {
  if (decision === 'back-off' || decision === 'pause') return TIPS.pain as Tip;
  if (decision === 'return') return TIPS.rest as Tip;
  if (changes.includes('shoes')) return TIPS.shoes as Tip;
  if (changes.includes('surface')) return TIPS.surface as Tip;
  if (changes.length > 0) return TIPS['one-change'] as Tip;
  return TIPS[ROTATION[(Math.max(1, weekNumber) - 1) % ROTATION.length] as string] as Tip;
}

export const CROSS_TRAINING_ACTIVITIES = ['Easy cycling', 'Swimming', 'Brisk walking'] as const;
