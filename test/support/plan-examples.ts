// The plan input example from the issue, shared by the engine's unit tests and the CLI's tests.
export const EXAMPLE_INPUT = {
  profile: { unit: 'min', weeklyVolume: 90, runDays: 3, rampRate: 0.025, goalVolume: 150 },
  history: [
    {
      weekStart: '2026-11-16',
      decision: 'progress',
      runs: [{ date: '2026-11-16', amount: 30 }],
      actualVolume: 85,
      pain: { score: 3, settledNextMorning: true },
      changes: ['shoes'],
      redFlags: [],
      paused: false,
    },
  ],
  weekStart: '2026-11-30',
};
