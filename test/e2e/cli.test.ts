// The `coach` commands that need no running stack, as a user runs them: `plan` and `parse-reply`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fitActivity, track } from '#test/support/activity-files';
import { rawMessage } from '#test/support/mime';
import { EXAMPLE_INPUT } from '#test/support/plan-examples';

const COACH = resolve(import.meta.dirname, '../../bin/coach.mjs');
const dir = mkdtempSync(join(tmpdir(), 'coach-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function coach(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [COACH, 'plan', ...args], {
    input,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('coach plan', () => {
  it('reads the input on stdin and prints the plan as JSON', () => {
    const { code, stdout } = coach([], JSON.stringify(EXAMPLE_INPUT));
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan).toMatchObject({ weekStart: '2026-11-30', decision: 'hold', totalVolume: 85, unit: 'min' });
    expect(plan.runs).toHaveLength(3);
    expect(plan.strength).toHaveLength(2);
    expect(plan.projection).toEqual({ goalVolume: 150, weeksToGoal: expect.any(Number) });
  });

  it('reads a file with --file and prints a readable week with --format text', () => {
    const file = join(dir, 'input.json');
    writeFileSync(file, JSON.stringify(EXAMPLE_INPUT));
    const { code, stdout } = coach(['--file', file, '--format', 'text']);
    expect(code).toBe(0);
    expect(stdout).toContain('Week 2, from Mon 30 Nov: Hold steady');
    expect(stdout).toContain('new shoes');
    expect(stdout).toMatch(/Sat 5 Dec\s+Long easy run 33 min/);
    expect(stdout).toContain('Lunge');
  });

  it('exits 2 with one line per invalid field and no stack trace', () => {
    const { code, stderr, stdout } = coach(
      [],
      JSON.stringify({ profile: { unit: 'yd' }, weekStart: '2026-12-01' }),
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      'profile.unit: must be one of min, km, mi',
      'profile.weeklyVolume: is required',
      'profile.runDays: is required',
      'weekStart: must be a Monday',
    ]);
  });

  it('exits 2 on input that is not JSON, or a file that does not exist', () => {
    const notJson = coach([], 'not json');
    const missing = coach(['--file', join(dir, 'nope.json')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^input is not valid JSON/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^cannot read .*nope\.json: ENOENT/);
    expect(notJson.stderr + missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('plans weeks ahead for a beginner with a race: walk-run sessions, and when they will be ready', () => {
    // Arrange: someone who does not run yet, with a 5K on 1 March 2027.
    const input = {
      profile: {
        unit: 'min',
        weeklyVolume: 15,
        runDays: 3,
        rampRate: 0.025,
        start: 'new',
        goal: { distance: '5k', date: '2027-03-01' },
      },
      history: [],
      weekStart: '2026-12-07',
    };

    // Act
    const json = coach(['--weeks', '8'], JSON.stringify(input));
    const table = coach(['--weeks', '8', '--format', 'text'], JSON.stringify(input));
    const bad = coach(['--weeks', '0'], JSON.stringify(input));

    // Assess: eight weeks in order, the first a walk-run of one-minute runs, the race judged early.
    expect(json.code).toBe(0);
    const weeks = JSON.parse(json.stdout) as {
      weekStart: string;
      runs: { kind: string; intervals?: { repeats: number; runMinutes: number; walkMinutes: number } }[];
      projection?: { goal?: { readyBy: string; onTime: boolean } };
    }[];
    expect(weeks.map((w) => w.weekStart)).toEqual(
      Array.from({ length: 8 }, (_, i) => new Date(Date.UTC(2026, 11, 7 + 7 * i)).toISOString().slice(0, 10)),
    );
    expect(weeks[0]?.runs[0]).toMatchObject({
      kind: 'walk-run',
      intervals: { repeats: 8, runMinutes: 1, walkMinutes: 2 },
    });
    expect(weeks[0]?.projection?.goal?.onTime).toBe(false);
    expect((weeks[0]?.projection?.goal?.readyBy ?? '') > '2027-03-01').toBe(true);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('8 × (1 min run, 2 min walk)');
    expect(table.stdout).toContain('your race on 1 March 2027 comes early');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--weeks must be a whole number from 1 to 156');
  });

  it('refuses an unknown format with a usage error', () => {
    const { code, stderr } = coach(['--format', 'yaml'], '{}');
    expect(code).toBe(2);
    expect(stderr).toContain('--format must be json or text');
  });
});

describe('coach parse-reply', () => {
  const parse = (input: string | Buffer, args: string[] = []) => {
    const result = spawnSync(process.execPath, [COACH, 'parse-reply', ...args], {
      input,
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('prints what a raw message says, without the quoted history', () => {
    const eml = [
      'From: Ana <ana@example.com>',
      'To: reply+abc.20261130.xyz@reply.coach.test',
      'Subject: Re: Week 1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'knee 4/10 after the long run, fine next morning. New shoes!',
      '',
      'On Sun, 29 Nov 2026 at 18:00, Knee Coach <coach@coach.test> wrote:',
      '> my knee swelled 9/10 (quoted: must not count)',
    ].join('\r\n');
    const { code, stdout } = parse(eml);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      text: 'knee 4/10 after the long run, fine next morning. New shoes!',
      pain: { score: 4, settledNextMorning: true },
      changes: ['shoes'],
      commands: [],
      redFlags: [],
      done: null,
      illness: null,
      away: [],
      runDays: null,
      crossTraining: [],
      unclear: [],
      files: [],
    });
  });

  it('reads the watch files attached to a raw message, in the zone given, and says why one was skipped', async () => {
    // Arrange: a FIT run on Tuesday 1 December at 07:00 Berlin, and a text file named as a GPX.
    const points = track('2026-12-01T06:00:00Z', [{ move: 1860, speed: 5200 / 1860, every: 5 }]);
    const eml = await rawMessage({
      from: 'Ana <ana@example.com>',
      to: 'reply+abc.20261130.xyz@reply.coach.test',
      subject: 'Re: Week 1',
      text: 'knee 2/10, fine next morning',
      date: new Date('2026-12-06T09:00:00Z'),
      attachments: [
        { filename: 'Morning_Run.fit', content: fitActivity([{ sport: 'running', points, timerS: 1860 }]) },
        { filename: 'notes.gpx', content: new TextEncoder().encode('just some notes') },
      ],
    });

    // Act
    const { code, stdout } = parse(eml, ['--zone', 'Europe/Berlin']);

    // Assess
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { pain: unknown; files: unknown };
    expect(printed.pain).toEqual({ score: 2, settledNextMorning: true });
    expect(printed.files).toEqual([
      {
        filename: 'Morning_Run.fit',
        kind: 'fit',
        activities: [
          {
            startedAt: '2026-12-01T06:00:00.000Z',
            localStart: '2026-12-01 07:00',
            sport: 'run',
            sportName: 'running',
            distanceKm: 5.2,
            movingMinutes: 31,
            fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
          },
        ],
      },
      { filename: 'notes.gpx', kind: 'unknown', activities: [], skipped: 'not-an-activity-file' },
    ]);
  });

  it('prints slashed and single days away in the zone given, and a limit on the days next week', () => {
    const reply = [
      'From: Ana <ana@example.com>',
      'To: reply+abc.20261130.xyz@reply.coach.test',
      'Subject: Re: Week 1',
      'Date: Wed, 05 Aug 2026 12:00:00 -0400',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Busy week, only 2 days. Away on Saturday, and on holiday 8/24 to 8/28.',
    ].join('\r\n');
    const { code, stdout } = parse(reply, ['--zone', 'America/New_York', '--at', '2026-08-05T16:00:00Z']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      pain: null,
      away: [
        { from: '2026-08-08', to: '2026-08-08' },
        { from: '2026-08-24', to: '2026-08-28' },
      ],
      runDays: 2,
      done: null,
    });
  });

  it('reads plain text without headers, and a file with --file', () => {
    const file = join(dir, 'reply.txt');
    writeFileSync(file, 'pause 2 weeks please');
    const fromStdin = JSON.parse(parse('no swelling, 2/10').stdout);
    const fromFile = JSON.parse(parse('', ['--file', file]).stdout);
    expect(fromStdin).toMatchObject({ pain: { score: 2 }, redFlags: [] });
    expect(fromFile.commands).toEqual([{ kind: 'pause', weeks: 2 }]);
  });

  it('exits 2 with a clear message on empty input', () => {
    const { code, stderr } = parse('   \n');
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('the input is empty: pipe a raw message (.eml) or the text of a reply');
  });
});
