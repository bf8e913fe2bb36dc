/**
 * A run with interventions made through the UI's session, saved as trace.jsonl, replays
 * with `tulip run --replay` to the same hash; a tampered trace does not.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runScenario, readReplay } from '../../src/cli/run-command.ts';
import { traceFromSimulation, traceJsonl } from '../../src/report/trace-file.ts';
import type { Session } from '../../src/tui/session.ts';
import { stepTo, tulipMania, TULIP_MANIA } from './helpers.ts';

let session: Session | undefined;
afterEach(() => {
  session?.dispose();
  session = undefined;
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

async function recordedRun(): Promise<{ file: string; hash: string }> {
  session = await tulipMania(300);
  stepTo(session, 255);
  session.toggleBug(0, 0);
  stepTo(session, 262);
  session.toggleTraining(1, 0);
  session.rollback(1, 0);
  stepTo(session, 280);
  // A rewind past nothing of interest, then on: the trace stays one straight line.
  session.rewind();
  stepTo(session, 290);
  const file = join(mkdtempSync(join(tmpdir(), 'tulip-replay-')), 'trace.jsonl');
  writeFileSync(file, traceJsonl(traceFromSimulation(session.sim)));
  return { file, hash: session.sim.hashes.hex(0) };
}

describe('--replay', () => {
  it('reads the interventions at their ticks, once each', async () => {
    const { file } = await recordedRun();
    const replay = readReplay(file);
    expect(replay.ticks).toBe(290);
    expect(replay.seeds).toEqual([1]);
    expect([...replay.interventions.entries()]).toEqual([
      [255, [{ type: 'set-bug', model: 'A', on: false }]],
      [262, [{ type: 'set-training', model: 'B', mode: 'static' }, { type: 'rollback', model: 'B' }]],
    ]);
  });

  it('reaches the recorded hash', async () => {
    const { file, hash } = await recordedRun();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const summary = await runScenario(TULIP_MANIA, { worlds: 1, set: [], backend: 'auto', replay: file });
    expect(summary.traceHash).toBe(hash);
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('3 intervention(s) re-applied; trace hash matches');
    expect(process.exitCode).toBeUndefined();
  });

  it('says so, exit code 1, when the trace was tampered with', async () => {
    const { file } = await recordedRun();
    const text = readFileSync(file, 'utf8');
    const recorded = '{"type":"set-training","model":"B","mode":"static"}';
    expect(text).toContain(recorded);
    writeFileSync(file, text.replace(recorded, '{"type":"set-training","model":"B","mode":"dynamic"}'));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await runScenario(TULIP_MANIA, { worlds: 1, set: [], backend: 'auto', replay: file });
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('trace hash differs');
    expect(process.exitCode).toBe(1);
  });
});
