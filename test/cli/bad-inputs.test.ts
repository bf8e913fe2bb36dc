/**
 * Bad inputs and faults, as a hostile user would try them: each is exit code 2 with one
 * message on stderr naming the file or option, no stack trace, and nothing written or
 * changed. The fixtures (a run folder, a sweep, two shards, damaged copies) are made once;
 * every case runs the real `tulip` in a child process, a few at a time, with generous
 * timeouts (nothing here depends on the machine's speed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT, runCli, type CliResult } from '../helpers/cli.ts';
import { SWEEP_SCENARIO } from '../sweep/fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'tulip-bad-inputs-'));
const at = (...parts: string[]): string => join(dir, ...parts);
const SCENARIO = at('fixture.yaml');
const RUN = at('run');
const SWEEP = at('sweep');

/** The JSON lines of a trace, edited by `edit`, written to `name`. */
function editedTrace(name: string, edit: (lines: string[]) => string[]): string {
  const lines = readFileSync(join(RUN, 'trace.jsonl'), 'utf8').trimEnd().split('\n');
  mkdirSync(at(name), { recursive: true });
  writeFileSync(at(name, 'trace.jsonl'), `${edit(lines).join('\n')}\n`);
  return at(name, 'trace.jsonl');
}

/** A copy of the sweep folder whose first chunk file is replaced by `content`. */
function damagedSweep(name: string, content: (chunk: { rows: unknown[][] } & Record<string, unknown>) => unknown): string {
  cpSync(SWEEP, at(name), { recursive: true });
  const chunks = at(name, 'chunks');
  const first = join(chunks, readdirSync(chunks).filter((f) => f.endsWith('.json')).sort()[0]!);
  const damaged = content(JSON.parse(readFileSync(first, 'utf8')) as { rows: unknown[][] });
  writeFileSync(first, typeof damaged === 'string' ? damaged : JSON.stringify(damaged));
  // Without its outputs the folder is a killed sweep: the next run resumes from the chunks.
  for (const f of ['sweep.csv', 'sweep.arrow', 'manifest.json']) rmSync(at(name, f));
  return at(name);
}

function monitorModule(name: string, body: string): string {
  writeFileSync(at(name), body);
  return at(name);
}

async function makeFixtures(): Promise<void> {
  writeFileSync(SCENARIO, SWEEP_SCENARIO);
  writeFileSync(at('a-file'), 'not a folder\n');
  mkdirSync(at('a-folder'));
  writeFileSync(at('a-folder', 'notes.txt'), 'my own file\n');
  writeFileSync(at('empty.yaml'), '');
  writeFileSync(at('big-seeds.yaml'), `${SWEEP_SCENARIO}expect:\n  seeds: 0..2147483647\n  checks:\n    - { name: x, metric: assets.X.peakDeviation, atLeast: 0 }\n`);
  writeFileSync(at('proto.yaml'), 'title: t\nlesson: l\nmodels:\n  __proto__:\n    asset: X\n    features: [{ signal: price }]\n');
  const made = await Promise.all([
    runCli(['run', SCENARIO, '--out', RUN]),
    runCli(['sweep', SCENARIO, '--seeds', '1..4', '--chunk', '2', '--workers', '1', '--out', SWEEP]),
    runCli(['sweep', SCENARIO, '--seeds', '1..4', '--chunk', '2', '--workers', '1', '--shard', '0/2', '--out', at('shard0')]),
    runCli(['sweep', SCENARIO, '--seeds', '1..4', '--chunk', '2', '--workers', '1', '--shard', '1/2', '--out', at('shard1')]),
  ]);
  for (const r of made) expect(r.code, r.stderr).toBe(0);
  // Traces damaged in the ways the issue found.
  editedTrace('schema-v1', (lines) => lines.map((l, i) => (i === 0 ? l.replace('"schemaVersion":2', '"schemaVersion":1') : l)));
  editedTrace('unknown-model', (lines) =>
    lines.map((l, i) => (i === 5 ? l.replace('"events":[]', '"events":[{"tick":4,"world":0,"type":"intervention","intervention":{"type":"halt","model":"Z"}}]') : l)),
  );
  editedTrace('unknown-feature', (lines) =>
    lines.map((l, i) => (i === 5 ? l.replace('"events":[]', '"events":[{"tick":4,"world":0,"type":"intervention","intervention":{"type":"quarantine","model":"A","feature":"nope"}}]') : l)),
  );
  editedTrace('world-9', (lines) =>
    lines.map((l, i) => (i === 5 ? l.replace('"events":[]', '"events":[{"tick":4,"world":0,"type":"intervention","intervention":{"type":"set-bug","model":"A","on":false,"world":9}}]') : l)),
  );
  editedTrace('not-json', (lines) => [...lines.slice(0, 3), '{ not json', ...lines.slice(3)]);
  editedTrace('price-abc', (lines) => lines.map((l, i) => (i === 3 ? l.replace(/"price":[^,]+/, '"price":"abc"') : l)));
  editedTrace('gap', (lines) => lines.filter((_, i) => i !== 10));
  // A trace cut cleanly at a line boundary, beside the summary of the whole run.
  editedTrace('cut', (lines) => lines.slice(0, 20));
  cpSync(join(RUN, 'summary.json'), at('cut', 'summary.json'));
  // A whole trace beside the summary of another run (what a kill between two renames left).
  editedTrace('mismatch', (lines) => lines);
  writeFileSync(at('mismatch', 'summary.json'), readFileSync(join(RUN, 'summary.json'), 'utf8').replace(/"traceHash": "[0-9a-f]+"/, `"traceHash": "${'0'.repeat(64)}"`));
  // Damaged chunk files of a killed sweep.
  damagedSweep('chunk-short-row', (c) => ({ ...c, rows: [c.rows[0]!.slice(0, 3), ...c.rows.slice(1)] }));
  damagedSweep('chunk-text-cell', (c) => ({ ...c, rows: c.rows.map((r) => r.map((cell, i) => (i === 3 ? 'abc' : cell))) }));
  damagedSweep('chunk-null', () => 'null');
  damagedSweep('chunk-no-rows', (c) => ({ sweepId: c.sweepId, variant: 0 }));
  // A shard whose data file lost one byte's worth of truth.
  cpSync(at('shard1'), at('shard1-flipped'), { recursive: true });
  const arrow = readFileSync(at('shard1-flipped', 'sweep.arrow'));
  arrow[arrow.length - 200]! ^= 0x01;
  writeFileSync(at('shard1-flipped', 'sweep.arrow'), arrow);
  // A sweep folder held by a live sweep (this test process stands in for it).
  cpSync(SWEEP, at('locked'), { recursive: true });
  writeFileSync(at('locked', '.tulip-sweep.lock'), JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), started: '2026-11-29T00:00:00.000Z' }));
  monitorModule('factory-throws.mts', "export default () => { throw new Error('boom from factory'); };\n");
  monitorModule('factory-undefined.mts', 'export default () => undefined;\n');
}

/** Every file under `root` with its size and SHA-256: what "nothing changed" compares. */
function fingerprint(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(root.length)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(root);
  return out;
}

const gitStatus = (): string => execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' });

type Case = [name: string, args: () => string[], names: RegExp];

const CASES: Case[] = [
  // Output paths, checked before any work.
  ['run --out an existing file', () => ['run', SCENARIO, '--out', at('a-file')], /--out .*a-file: is a file, but a folder is needed/],
  ['run --out inside a file', () => ['run', SCENARIO, '--out', at('a-file', 'sub')], /--out .*a-file\/sub: .*a-file is a file/],
  ['run --out a folder of other files', () => ['run', SCENARIO, '--out', at('a-folder')], /--out .*a-folder holds files a run folder never has \(notes\.txt\)/],
  ['report --out a folder', () => ['report', RUN, '--out', at('a-folder')], /--out .*a-folder: is a folder, but a file is needed/],
  ['report --charts an existing file', () => ['report', RUN, '--charts', at('a-file')], /--charts .*a-file: is a file, but a folder is needed/],
  ['report of a scenario into a folder', () => ['report', SCENARIO, '--out', at('a-folder')], /--out .*a-folder: is a folder/],
  ['export --out a folder', () => ['export', RUN, '--format', 'csv', '--out', at('a-folder')], /--out .*a-folder: is a folder, but a file is needed/],
  ['export --out inside a file', () => ['export', RUN, '--format', 'csv', '--out', at('a-file', 'x.csv')], /a-file is a file, so nothing can be made inside it/],
  ['eval --save a folder', () => ['eval', '--monitor', 'bubble', '--save', at('a-folder')], /--save .*a-folder: is a folder, but a file is needed/],
  ['schema --out a folder', () => ['schema', '--out', at('a-folder')], /--out .*a-folder: is a folder, but a file is needed/],
  ['merge --out an existing file', () => ['merge', at('shard0'), at('shard1'), '--out', at('a-file')], /--out .*a-file: is a file, but a folder is needed/],
  ['sweep --out an existing file', () => ['sweep', SCENARIO, '--seeds', '1..2', '--out', at('a-file')], /--out .*a-file: is a file, but a folder is needed/],
  // Limits, checked before allocating.
  ['sweep over every seed', () => ['sweep', SCENARIO, '--seeds', '0..2147483647', '--out', at('huge')], /--seeds 0\.\.2147483647 is 2147483648 rows, more than 10000000/],
  ['compare over every seed', () => ['compare', SCENARIO, '--seeds', '0..2147483647', '--vary', 'market.impact=0,0.001'], /--seeds 0\.\.2147483647 x 2 --vary combinations is 4294967296 rows/],
  ['seeds past 2^53 - 1', () => ['run', SCENARIO, '--seed', '9007199254740991', '--worlds', '3'], /--seed 9007199254740991 with --worlds 3: world 2 would have seed/],
  ['eval --seeds past 2^53 - 1', () => ['eval', '--monitor', 'bubble', '--seeds', '1,99999999999999999999'], /--seeds must be a range such as 1\.\.50 or a list such as 1,2,3, got "1,99999999999999999999"/],
  ['tulip check over every seed', () => ['check', at('big-seeds.yaml')], /big-seeds\.yaml:\d+: expect\.seeds: 0\.\.2147483647 is 2147483648 seeds, more than 10000/],
  ['seeds range backwards', () => ['sweep', SCENARIO, '--seeds', '5..1', '--out', at('backwards')], /--seeds 5\.\.1: the last seed 1 is below the first 5/],
  ['--worlds 0', () => ['run', SCENARIO, '--worlds', '0'], /--worlds must be a whole number from 1/],
  ['--ticks in exponent form', () => ['run', SCENARIO, '--ticks', '1e3'], /--ticks must be a whole number/],
  // Readers check what they read.
  ['--replay of trace schema version 1', () => ['run', SCENARIO, '--replay', at('schema-v1', 'trace.jsonl')], /--replay .*schema-v1\/trace\.jsonl: line 1: schemaVersion is 1/],
  ['--replay naming an unknown model', () => ['run', SCENARIO, '--replay', at('unknown-model', 'trace.jsonl')], /--replay .*: the halt intervention at tick 4 names model "Z", which this scenario does not have \(A, B\)/],
  ['--replay quarantining an unknown feature', () => ['run', SCENARIO, '--replay', at('unknown-feature', 'trace.jsonl')], /the quarantine intervention at tick 4 names feature "nope" of model A, which has value-ratio/],
  ['--replay naming a world the trace lacks', () => ['run', SCENARIO, '--replay', at('world-9', 'trace.jsonl')], /the set-bug intervention at tick 4 names world 9, but the trace has 1/],
  ['--replay of a line that is not JSON', () => ['run', SCENARIO, '--replay', at('not-json', 'trace.jsonl')], /--replay .*not-json\/trace\.jsonl: line 4: not valid JSON/],
  ['--replay of a missing file', () => ['run', SCENARIO, '--replay', at('nothing.jsonl')], /--replay .*nothing\.jsonl: file not found/],
  ['--replay of a trace with a gap', () => ['run', SCENARIO, '--replay', at('gap', 'trace.jsonl')], /gap\/trace\.jsonl: world 0 has 39 tick records but its closing record says 40/],
  ['export of a trace cut at a line boundary', () => ['export', at('cut'), '--format', 'csv', '--out', at('cut.csv')], /cut\/trace\.jsonl: no closing record for world 0: the trace was cut short/],
  ['report of a trace cut at a line boundary', () => ['report', at('cut'), '--out', at('cut.html')], /cut\/trace\.jsonl: no closing record for world 0/],
  ['export of "price":"abc"', () => ['export', at('price-abc', 'trace.jsonl'), '--format', 'csv', '--out', at('abc.csv')], /price-abc\/trace\.jsonl: line 4: assets\.X\.price is "abc"; expected a number/],
  ['report of a summary of another run', () => ['report', at('mismatch'), '--out', at('mismatch.html')], /mismatch\/summary\.json: its trace hash is not the one of/],
  ['export of a trace with a gap', () => ['export', at('gap', 'trace.jsonl'), '--format', 'csv', '--out', at('gap.csv')], /gap\/trace\.jsonl: world 0 has 39 tick records but its closing record says 40/],
  ['resume from a chunk row cut to 3 cells', () => ['sweep', SCENARIO, '--seeds', '1..4', '--chunk', '2', '--workers', '1', '--out', at('chunk-short-row')], /chunk-short-row\/chunks\/.*\.json: row 0 has 3 cells, expected \d+; delete it to recompute its rows/],
  ['resume from text in a numeric cell', () => ['sweep', SCENARIO, '--seeds', '1..4', '--chunk', '2', '--workers', '1', '--out', at('chunk-text-cell')], /chunk-text-cell\/chunks\/.*\.json: row 0: column .* holds "abc", not a float64 value; delete it/],
  ['resume from a chunk holding null', () => ['sweep', SCENARIO, '--seeds', '1..4', '--chunk', '2', '--workers', '1', '--out', at('chunk-null')], /chunk-null\/chunks\/.*\.json: not a sweep chunk file \(expected a JSON object, got null\); delete it/],
  ['resume from a chunk without rows', () => ['sweep', SCENARIO, '--seeds', '1..4', '--chunk', '2', '--workers', '1', '--out', at('chunk-no-rows')], /chunk-no-rows\/chunks\/.*\.json: no list of rows; delete it/],
  ['merge of a shard with a flipped byte', () => ['merge', at('shard0'), at('shard1-flipped'), '--out', at('merged')], /shard1-flipped\/sweep\.arrow: its SHA-256 is not the one manifest\.json recorded/],
  ['merge of a folder without a manifest', () => ['merge', at('shard0'), at('a-folder'), '--out', at('merged')], /a-folder: no manifest\.json/],
  ['a second sweep on a locked --out', () => ['sweep', SCENARIO, '--seeds', '1..4', '--chunk', '2', '--workers', '1', '--out', at('locked')], new RegExp(`--out .*locked is in use by another tulip sweep \\(pid ${process.pid} on `)],
  // Scenario and --set mistakes.
  ['--set into a model that does not exist', () => ['run', SCENARIO, '--set', 'models.C.enabled=false'], /--set: models\.C\.enabled: no model C \(A, B\)/],
  ['--set a model feature on an asset that does not exist', () => ['run', SCENARIO, '--set', 'models.A.features.0.asset=Y'], /--set models\.A\.features\.0\.asset=Y: models\.A\.features\[0\]\.asset: unknown asset "Y"; the market has: X/],
  ['--set with a misspelt key', () => ['run', SCENARIO, '--set', 'models.A.polcy.gain=3'], /^tulip: --set models\.A\.polcy\.gain=3: models\.A\.polcy: unknown field/],
  ['--set ticks=1e308', () => ['run', SCENARIO, '--set', 'ticks=1e308'], /--set ticks=1e308: ticks: must be/],
  ['--set __proto__', () => ['run', SCENARIO, '--set', '__proto__.polluted=1'], /--set: __proto__\.polluted: is not a scenario field path/],
  ['--set a negative divergence bound', () => ['run', SCENARIO, '--set', 'market.divergence.maxLogDeviation=-1'], /--set market\.divergence\.maxLogDeviation=-1: market\.divergence\.maxLogDeviation/],
  ['a model named __proto__', () => ['run', at('proto.yaml')], /proto\.yaml:4: models\.__proto__: "__proto__" cannot be a name here/],
  ['a misspelt shipped scenario', () => ['run', 'tulip-manias'], /tulip-manias: no such file, nor a shipped scenario; did you mean tulip-mania\?/],
  ['an empty scenario file', () => ['run', at('empty.yaml')], /empty\.yaml:1: expected a mapping of scenario fields/],
  ['a folder as the scenario', () => ['run', at('a-folder')], /a-folder: is a directory, not a scenario file/],
  // Custom monitors that misbehave at load time.
  ['a custom monitor factory that throws', () => ['run', SCENARIO, '--monitor', at('factory-throws.mts')], /monitor factory-throws: the factory in .*factory-throws\.mts threw for world 0: boom from factory/],
  ['a custom monitor factory returning undefined', () => ['run', SCENARIO, '--monitor', at('factory-undefined.mts')], /monitor factory-undefined: the factory in .*factory-undefined\.mts must return an object with observe/],
  ['a custom monitor file that is not there', () => ['run', SCENARIO, '--monitor', at('nope.ts')], /--monitor .*nope\.ts: file not found/],
  // Option mistakes.
  ['--format without --out', () => ['run', SCENARIO, '--format', 'csv'], /--format chooses the trace file --out writes/],
  ['--png without --charts', () => ['report', RUN, '--png'], /--png needs --charts <dir>/],
  ['export --format xml', () => ['export', RUN, '--format', 'xml'], /--format must be one of jsonl, csv, arrow/],
];

const results = new Map<string, CliResult>();
let before: Record<string, string>;
let gitBefore: string;

beforeAll(async () => {
  await makeFixtures();
  before = fingerprint(dir);
  gitBefore = gitStatus();
  // A few at a time: the machine is shared, and no case depends on another.
  const queue = [...CASES];
  const worker = async (): Promise<void> => {
    for (let c = queue.shift(); c; c = queue.shift()) results.set(c[0], await runCli(c[1]()));
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}, 1_800_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tulip refuses bad inputs and faults', () => {
  it('has at least 40 of them', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('%s: exit 2, one message naming it, no stack trace', (name, _args, names) => {
    const r = results.get(name)!;
    // The backend note and the sweep's workers line are information, not error messages.
    const lines = r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('backend:') && !l.startsWith('workers:'));
    expect({ code: r.code, lines: lines.length }, r.stderr).toEqual({ code: 2, lines: 1 });
    expect(lines[0]).toMatch(/^(tulip: |error: )/);
    expect(lines[0]).toMatch(names);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('wrote or changed nothing: every fixture file is as it was, and so is the repository', () => {
    expect(fingerprint(dir)).toEqual(before);
    expect(gitStatus()).toBe(gitBefore);
  });
});
