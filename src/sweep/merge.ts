/**
 * `tulip merge`: shard folders of one sweep -> one folder, as if the sweep had run
 * unsharded. Checks that the folders are shards of the same sweep (same sweepId: scenario
 * text, seeds, grid, --set, --ticks, version, backend, columns) and that together they
 * hold every row exactly once; anything else is an error naming the shards or rows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { arrowToRows } from './arrow.ts';
import { SweepError } from './errors.ts';
import { rowKey, seedsOf } from './plan.ts';
import { SWEEP_FORMAT, SWEEP_SCHEMA_VERSION, type Cell } from './rows.ts';
import { SWEEP_FILES, writeOutputs, type SweepManifest } from './run.ts';

interface ShardFolder {
  dir: string;
  manifest: SweepManifest;
}

function readManifest(dir: string): SweepManifest {
  const file = join(dir, SWEEP_FILES.manifest);
  if (!existsSync(file)) throw new SweepError(`${dir}: no ${SWEEP_FILES.manifest}; give folders written by a finished \`tulip sweep --out\``);
  let m: SweepManifest;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as SweepManifest;
  } catch (err) {
    throw new SweepError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (m === null || typeof m !== 'object' || Array.isArray(m)) throw new SweepError(`${file}: expected a JSON object written by \`tulip sweep --out\``);
  const shard = (m as Partial<SweepManifest>).shard;
  if (!Array.isArray(m.columns) || !Array.isArray(m.grid) || typeof shard?.index !== 'number' || typeof shard.count !== 'number' || typeof shard.rows?.start !== 'number' || typeof shard.rows.end !== 'number' || typeof m.files?.arrow !== 'string') {
    if (m.format === SWEEP_FORMAT && m.schemaVersion === SWEEP_SCHEMA_VERSION) throw new SweepError(`${file}: columns, grid, shard or files missing or of the wrong type (a damaged manifest); run that shard's tulip sweep again`);
  }
  if (m.format !== SWEEP_FORMAT) throw new SweepError(`${file}: format is ${JSON.stringify(m.format)}; expected "${SWEEP_FORMAT}"`);
  if (m.schemaVersion !== SWEEP_SCHEMA_VERSION) throw new SweepError(`${file}: sweep schema version ${JSON.stringify(m.schemaVersion)}; this tulip merges version ${SWEEP_SCHEMA_VERSION} only`);
  return m;
}

const shardName = (m: SweepManifest): string => `${m.shard.index}/${m.shard.count}`;
const IDENTITY_FIELDS = ['scenario', 'scenarioSha256', 'seeds', 'vary', 'sets', 'ticks', 'version', 'backend', 'columns'] as const;

function checkSameSweep(folders: ShardFolder[]): void {
  const [first, ...rest] = folders;
  for (const f of rest) {
    if (f.manifest.sweepId === first!.manifest.sweepId) continue;
    const differ = IDENTITY_FIELDS.filter((k) => JSON.stringify(f.manifest[k]) !== JSON.stringify(first!.manifest[k]));
    throw new SweepError(`${f.dir} is not a shard of the same sweep as ${first!.dir} (they differ in ${differ.length ? differ.join(', ') : 'sweepId'})`);
  }
}

function checkShards(folders: ShardFolder[]): void {
  const counts = [...new Set(folders.map((f) => f.manifest.shard.count))];
  if (counts.length > 1) throw new SweepError(`the folders split the sweep differently (${folders.map((f) => `${f.dir}: shard ${shardName(f.manifest)}`).join(', ')}); merge shards of one --shard i/n split`);
  const count = counts[0]!;
  const byIndex = new Map<number, string[]>();
  for (const f of folders) byIndex.set(f.manifest.shard.index, [...(byIndex.get(f.manifest.shard.index) ?? []), f.dir]);
  const duplicated = [...byIndex].filter(([, dirs]) => dirs.length > 1).sort((a, b) => a[0] - b[0]);
  if (duplicated.length > 0) throw new SweepError(`duplicated shard: ${duplicated.map(([i, dirs]) => `${i}/${count} is in ${dirs.join(' and ')}`).join('; ')}`);
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new SweepError(`missing shard${missing.length > 1 ? 's' : ''}: ${missing.map((i) => `${i}/${count}`).join(', ')} (run \`tulip sweep ... --shard i/${count}\` for each and merge all ${count} folders)`);
}

/** A data file must be the one its manifest recorded: one flipped byte would merge silently otherwise. */
function checkSha256(f: ShardFolder, name: string, bytes: Uint8Array): void {
  const want = f.manifest.sha256?.[name];
  const file = join(f.dir, name);
  if (typeof want !== 'string') throw new SweepError(`${join(f.dir, SWEEP_FILES.manifest)}: no SHA-256 of ${name} (written by an older tulip?); run that shard's tulip sweep again to rewrite it`);
  const got = createHash('sha256').update(bytes).digest('hex');
  if (got !== want) throw new SweepError(`${file}: its SHA-256 is not the one ${SWEEP_FILES.manifest} recorded (the file was changed or damaged); run that shard's tulip sweep again (same --out: finished chunks are kept)`);
}

/** Reads every shard's rows and checks each is one of its own rows, once, and that all are there. */
function collectRows(folders: ShardFolder[], seeds: number[]): Cell[][] {
  const seen = new Map<string, string>();
  const rows: Cell[][] = [];
  for (const f of folders) {
    const m = f.manifest;
    const file = join(f.dir, m.files.arrow);
    if (!existsSync(file)) throw new SweepError(`${f.dir}: no ${m.files.arrow}`);
    const bytes = new Uint8Array(readFileSync(file));
    checkSha256(f, m.files.arrow, bytes);
    const own = arrowToRows(bytes, m.columns, file);
    const expected = new Set<string>();
    for (let r = m.shard.rows.start; r < m.shard.rows.end; r++) {
      const k = rowKey(r, seeds);
      expected.add(`${k.variant}:${k.seed}`);
    }
    for (const row of own) {
      const key = `${row[1]}:${row[0]}`;
      const name = `variant ${row[1]} seed ${row[0]}`;
      if (seen.has(key)) throw new SweepError(`duplicated row: ${name} is in ${seen.get(key)} and ${f.dir}`);
      if (!expected.has(key)) throw new SweepError(`${f.dir}: row ${name} is not one of shard ${shardName(m)}'s rows`);
      seen.set(key, f.dir);
      rows.push(row);
    }
    const missing = [...expected].filter((k) => !seen.has(k));
    if (missing.length > 0) {
      const named = missing.slice(0, 5).map((k) => `variant ${k.split(':')[0]} seed ${k.split(':')[1]}`);
      throw new SweepError(`${f.dir}: missing ${missing.length} row(s) of shard ${shardName(m)} (${named.join(', ')}${missing.length > 5 ? ', ...' : ''}); run its tulip sweep again to finish it`);
    }
  }
  return rows;
}

export function mergeSweeps(dirs: string[], out: string): SweepManifest {
  if (dirs.length === 0) throw new SweepError('give the shard folders to merge');
  const input = dirs.find((d) => resolve(d) === resolve(out));
  if (input) throw new SweepError(`--out ${out} is one of the folders to merge; name a new folder`);
  const folders = dirs.map((dir) => ({ dir, manifest: readManifest(dir) }));
  checkSameSweep(folders);
  checkShards(folders);
  const first = folders[0]!.manifest;
  const seeds = seedsOf(first.seeds);
  const rows = collectRows(folders, seeds);
  const total = seeds.length * first.grid.length;
  const manifest: SweepManifest = { ...first, shard: { index: 0, count: 1, rows: { start: 0, end: total } }, rows: total, mergedFrom: dirs };
  writeOutputs(out, manifest, rows);
  return manifest;
}
