/**
 * The evaluation metrics against cases worked out by hand (docs/monitor-evaluation.md).
 */
import { describe, expect, it } from 'vitest';
import { aggregate, alwaysAlarms, censoredArl0, periodicAlarms, scoreRun } from '../../src/analysis/metrics.ts';

const W = { before: 10, after: 50 };

describe('scoreRun', () => {
  it('takes the first alarm in the window as the detection; later ones in the window are redundant', () => {
    // window [90, 150]; alarms 95 (detection, delay 0 since before the onset), 120 (redundant)
    const r = scoreRun([120, 95], 400, { onset: 100, ...W });
    expect(r.alarms).toEqual([95, 120]);
    expect(r.detection).toBe(95);
    expect(r.delay).toBe(0);
    expect(r.falseAlarms).toBe(0);
    expect(r.lateAlarms).toBe(0);
    expect(r.quietTicks).toBe(90); // ticks 0..89
  });

  it('counts alarms before the window as false and after it as late (the loop is then missed)', () => {
    // window [90, 150]: 30 and 89 are false, 151 and 300 are late
    const r = scoreRun([30, 89, 151, 300], 400, { onset: 100, ...W });
    expect(r.detection).toBeNull();
    expect(r.delay).toBeNull();
    expect(r.falseAlarms).toBe(2);
    expect(r.lateAlarms).toBe(2);
  });

  it('measures the delay from the onset, and the window edges are inside', () => {
    expect(scoreRun([150], 400, { onset: 100, ...W }).delay).toBe(50);
    expect(scoreRun([90], 400, { onset: 100, ...W }).detection).toBe(90);
    expect(scoreRun([89], 400, { onset: 100, ...W }).falseAlarms).toBe(1);
  });

  it('on a loop-free run every alarm is false and every tick is quiet', () => {
    const r = scoreRun([10, 200], 400, { onset: null, ...W });
    expect(r).toMatchObject({ detection: null, delay: null, falseAlarms: 2, lateAlarms: 0, quietTicks: 400 });
  });

  it('clips the window at the start of the run', () => {
    expect(scoreRun([0], 100, { onset: 5, before: 10, after: 10 })).toMatchObject({ detection: 0, quietTicks: 0, falseAlarms: 0 });
  });
});

describe('censored ARL0', () => {
  it('divides all exposure (censored runs at their length) by the number of runs that alarmed', () => {
    // Loop-free runs of 100 ticks: first alarms at 19 and 39 (run lengths 20 and 40), one without an alarm (censored at 100).
    const runs = [scoreRun([19, 80], 100, { onset: null, ...W }), scoreRun([39], 100, { onset: null, ...W }), scoreRun([], 100, { onset: null, ...W })];
    expect(censoredArl0(runs)).toEqual({ arl0: (20 + 40 + 100) / 2, censored: 1 });
    // The naive mean over alarmed runs only (30) would ignore the 100 quiet ticks of the censored run.
  });

  it('is infinite when no loop-free run alarmed, and undefined without loop-free runs', () => {
    expect(censoredArl0([scoreRun([], 100, { onset: null, ...W })])).toEqual({ arl0: Infinity, censored: 1 });
    expect(censoredArl0([scoreRun([120], 400, { onset: 100, ...W })])).toEqual({ arl0: null, censored: 0 });
  });

  it('ignores loop runs', () => {
    const runs = [scoreRun([9], 100, { onset: null, ...W }), scoreRun([5], 400, { onset: 100, ...W })];
    expect(censoredArl0(runs).arl0).toBe(10);
  });
});

describe('aggregate', () => {
  it('combines runs into rates, delays, false-alarm figures and precision', () => {
    const runs = [
      scoreRun([110], 400, { onset: 100, ...W }), // detected, delay 10
      scoreRun([50, 130], 400, { onset: 100, ...W }), // false alarm at 50, detected with delay 30
      scoreRun([300], 400, { onset: 100, ...W }), // missed (late alarm)
      scoreRun([200], 400, { onset: null, ...W }), // loop-free: false alarm, run length 201
      scoreRun([], 400, { onset: null, ...W }), // loop-free, censored at 400
    ];
    const m = aggregate(runs);
    expect(m).toMatchObject({ runs: 5, loopRuns: 3, loopFreeRuns: 2, detected: 2, falseAlarms: 2, lateAlarms: 1, arl0Censored: 1 });
    expect(m.detectionRate).toBeCloseTo(2 / 3, 12);
    expect(m.missedRate).toBeCloseTo(1 / 3, 12);
    expect(m.meanDelay).toBe(20);
    expect(m.medianDelay).toBe(20);
    // quiet ticks: 90 + 90 + 90 + 400 + 400 = 1070
    expect(m.quietTicks).toBe(1070);
    expect(m.falseAlarmsPer1000).toBeCloseTo((1000 * 2) / 1070, 12);
    expect(m.mtbfa).toBe(535);
    expect(m.arl0).toBe(601); // (201 + 400) / 1
    expect(m.precision).toBe(0.5); // 2 detections, 2 false alarms
  });

  it('leaves undefined figures null, and MTBFA infinite without false alarms', () => {
    const m = aggregate([scoreRun([], 100, { onset: null, ...W })]);
    expect(m).toMatchObject({ detectionRate: null, missedRate: null, meanDelay: null, medianDelay: null, precision: null, falseAlarmsPer1000: 0, mtbfa: Infinity, arl0: Infinity });
  });
});

describe('the trivial baseline', () => {
  it('alarms every k ticks', () => {
    expect(periodicAlarms(200, 50)).toEqual([50, 100, 150]);
    expect(periodicAlarms(201, 50)).toEqual([50, 100, 150, 200]);
  });
});

describe('peer metrics: normalised delay, episode recall, mean-time ratio, always-fire', () => {
  // Window [90, 150] (onset 100, before 10, after 50); runs of 400 ticks.
  const runs = () => [
    scoreRun([110], 400, { onset: 100, ...W }), // detected, delay 10 -> 10/50 = 0.2
    scoreRun([50, 140], 400, { onset: 100, ...W }), // false alarm at 50; detected, delay 40 -> 0.8
    scoreRun([300], 400, { onset: 100, ...W }), // missed, but the late alarm notices the episode
    scoreRun([20], 400, { onset: 100, ...W }), // missed and never noticed (the only alarm is false)
    scoreRun([200], 400, { onset: null, ...W }), // loop-free: a false alarm
  ];

  it('normalised delay is delay / after, averaged over detected loops', () => {
    expect(runs()[0]!.normalisedDelay).toBeCloseTo(0.2, 15);
    expect(runs()[2]!.normalisedDelay).toBeNull();
    expect(aggregate(runs()).normalisedDelay).toBeCloseTo((0.2 + 0.8) / 2, 15);
  });

  it('episode recall counts loop runs with any alarm from the window start on, late ones included', () => {
    const m = aggregate(runs());
    expect(m.detectionRate).toBeCloseTo(2 / 4, 15);
    expect(m.episodeRecall).toBeCloseTo(3 / 4, 15);
  });

  it('mean-time ratio = MTBFA / mean delay × (1 − missed rate)', () => {
    const m = aggregate(runs());
    // quiet ticks 90·4 + 400 = 760; false alarms 50, 20, 200 -> MTBFA 760/3; mean delay 25; 1 − missed = 0.5.
    expect(m.mtbfa).toBeCloseTo(760 / 3, 12);
    expect(m.meanTimeRatio).toBeCloseTo((760 / 3 / 25) * 0.5, 12);
    // No false alarm: infinite MTBFA, infinite ratio; no detection: undefined.
    expect(aggregate([scoreRun([110], 400, { onset: 100, ...W })]).meanTimeRatio).toBe(Infinity);
    expect(aggregate([scoreRun([], 400, { onset: 100, ...W })]).meanTimeRatio).toBeNull();
  });

  it('the always-fire baseline detects every loop at once and scores what a metric gives for free', () => {
    expect(alwaysAlarms(5)).toEqual([0, 1, 2, 3, 4]);
    const loop = scoreRun(alwaysAlarms(400), 400, { onset: 100, ...W });
    // window [90, 150]: the alarm at 90 detects (delay 0); 0..89 are 90 false alarms.
    expect(loop).toMatchObject({ detection: 90, delay: 0, falseAlarms: 90, lateAlarms: 249, normalisedDelay: 0, episodeNoticed: true });
    const free = scoreRun(alwaysAlarms(400), 400, { onset: null, ...W });
    const m = aggregate([loop, free]);
    expect(m).toMatchObject({ detectionRate: 1, episodeRecall: 1, normalisedDelay: 0, falseAlarms: 490, arl0: 1 });
    expect(m.precision).toBeCloseTo(1 / 491, 15);
    expect(m.falseAlarmsPer1000).toBeCloseTo(1000, 12);
    expect(m.meanTimeRatio).toBe(Infinity); // delay 0: why MTR is read beside FA/1000t
  });
});
