/**
 * Does a sweep use every core? Runs `tulip sweep tulip-mania --seeds 1..S` at 1, 2, 4, ...
 * workers (up to the machine's cores), as worker processes and as worker threads, and N
 * concurrent pure-CPU loops as the machine's own ceiling: what N cores give to N
 * independent jobs right now, with whatever else the machine is running.
 *
 * Everything is interleaved (round 1: 1 loop, sweep at 1 worker, 2 loops, sweeps at 2
 * workers, ...; round 2: the same), so a change in the machine's load hits every figure
 * alike; medians are printed. Each sweep runs in a fresh process, timed from outside, so
 * its wall time includes everything a user waits for (Node, tsx, tfjs and wasm start-up).
 * Inside, the sweep reports when each worker was ready (its start-up, paid once) and each
 * worker's peak resident memory (threads share one process: their figure is the process's).
 *
 * Usage: npm run bench:cores [-- --seeds 10000 --workers 1,2 --kinds process,thread --rounds 3 --chunk 500]
 *        npm run bench:cores -- --chunk-sizes 25,50,100,250,500 --seeds 2000   (throughput by chunk size, 1 worker)
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, freemem, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runSweep } from '../src/sweep/run.ts';
import type { WorkerKind } from '../src/sweep/pool.ts';

const cores = availableParallelism();

function powersUpTo(n: number): number[] {
  const counts: number[] = [];
  for (let w = 1; w < n; w *= 2) counts.push(w);
  return [...counts, n];
}

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '10000' },
    workers: { type: 'string', default: powersUpTo(cores).join(',') },
    kinds: { type: 'string', default: 'process,thread' },
    rounds: { type: 'string', default: '3' },
    chunk: { type: 'string', default: '500' },
    /** Iterations of the pure-CPU loop (about a second on one core of a 2026 x86 server). */
    loop: { type: 'string', default: '300000000' },
    'chunk-sizes': { type: 'string' },
    /** Internal: run one sweep in this process and print one JSON line. */
    'one-sweep': { type: 'string' },
    /** Internal: run the pure-CPU loop in this process. */
    'one-loop': { type: 'string' },
  },
});

interface SweepRun {
  workers: number;
  kind: WorkerKind;
  seeds: number;
  chunk: number;
}

interface SweepFigures {
  /** What actually ran: `main` for one worker. */
  ran: { kind: string; workers: number };
  /** Milliseconds from the sweep's start to each worker being ready. */
  readyMs: number[];
  /** CPU seconds each worker spent starting (for threads: their process's, so not reported). */
  startUpCpu: number[];
  /** Each worker's peak resident memory (bytes); for threads, the process's. */
  workerPeakRss: number[];
  mainPeakRss: number;
  /** CPU seconds of the whole sweep: this process (its threads included) and its worker processes. */
  cpuSeconds: number;
  /** SHA-256 of sweep.csv: equal for every worker count, kind and chunk size. */
  csvSha256: string;
}

async function oneSweep(run: SweepRun): Promise<SweepFigures> {
  const out = mkdtempSync(join(tmpdir(), 'tulip-bench-cores-'));
  const started = performance.now();
  const readyMs: number[] = [];
  const peak: number[] = [];
  const workerCpu: number[] = [];
  const startUpCpu: number[] = [];
  try {
    const result = await runSweep({
      scenarioFile: fileURLToPath(new URL('../scenarios/tulip-mania.yaml', import.meta.url)),
      seeds: { first: 1, last: run.seeds },
      vary: [],
      sets: [],
      backend: 'wasm',
      workers: run.workers,
      workerKind: run.kind,
      shard: { index: 0, count: 1 },
      chunk: run.chunk,
      out,
      poolEvents: {
        onReady: (i, startUp) => {
          readyMs[i] = performance.now() - started;
          // Worker 0 of a pool is this process (it runs chunks too): its start-up is the planning's.
          if (run.kind === 'process' && i > 0) startUpCpu[i] = startUp.cpuSeconds;
        },
        onUsage: (i, usage) => {
          peak[i] = Math.max(peak[i] ?? 0, usage.maxRssBytes);
          workerCpu[i] = usage.cpuSeconds;
        },
      },
    });
    const csvSha256 = createHash('sha256').update(readFileSync(join(out, 'sweep.csv'))).digest('hex');
    const own = process.resourceUsage();
    // Worker 0 is this process, already counted in `own`.
    const children = run.kind === 'process' ? workerCpu.slice(1).reduce((a, b) => a + (b ?? 0), 0) : 0;
    const cpuSeconds = (own.userCPUTime + own.systemCPUTime) / 1e6 + children;
    return { ran: result.ran, readyMs, startUpCpu, workerPeakRss: peak, mainPeakRss: own.maxRSS * 1024, cpuSeconds, csvSha256 };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** A loop the JIT cannot drop: xorshift over `n` steps. */
function cpuLoop(n: number): number {
  let x = 2463534242;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  return x >>> 0;
}

/** Runs this script with `args` in a fresh Node; resolves with its last stdout line. */
function child(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => (code === 0 ? resolve(out.trim().split('\n').at(-1) ?? '') : reject(new Error(`bench child ${args.join(' ')} exited with code ${code}`))));
  });
}

/** Wall seconds of `count` concurrent pure-CPU loops (node start-up excluded: each child times its own loop). */
async function loops(count: number): Promise<number> {
  const times = await Promise.all(Array.from({ length: count }, () => child(['--one-loop', values.loop])));
  return Math.max(...times.map(Number)) / 1000;
}

async function sweep(run: SweepRun): Promise<{ seconds: number; figures: SweepFigures }> {
  const started = performance.now();
  const line = await child(['--one-sweep', JSON.stringify(run)]);
  return { seconds: (performance.now() - started) / 1000, figures: JSON.parse(line) as SweepFigures };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const load = (): string => loadavg().map((l) => l.toFixed(2)).join(', ');
const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);
const list = (xs: number[], digits = 1): string => xs.map((x) => x.toFixed(digits)).join(', ');

interface Row {
  workers: number;
  kind: string;
  seconds: number[];
  figures: SweepFigures[];
}

function printCores(rows: Row[], loopSeconds: Map<number, number[]>, seeds: number): void {
  const base = median(rows.find((r) => r.workers === 1)!.seconds);
  const loop1 = median(loopSeconds.get(1)!);
  console.log('\nworkers  kind     wall s: median (runs)           speed-up  CPU ceiling  of ceiling  CPU s  start-up/worker: wall s, CPU s  peak RSS/worker MB  worlds/s');
  for (const r of rows) {
    const wall = median(r.seconds);
    const speedup = base / wall;
    const ceiling = (r.workers * loop1) / median(loopSeconds.get(r.workers)!);
    const ready = r.figures.flatMap((f) => f.readyMs).map((ms) => ms / 1000);
    const readyCpu = r.figures.flatMap((f) => f.startUpCpu);
    const startUp = ready.length ? `${median(ready).toFixed(2)}, ${readyCpu.length ? median(readyCpu).toFixed(2) : 'n/a'}` : '-';
    const rss = r.kind === 'main' ? r.figures.map((f) => f.mainPeakRss) : r.figures.flatMap((f) => f.workerPeakRss);
    const rssText = r.kind === 'thread' ? `${mb(Math.max(...rss))} (process)` : mb(Math.max(...rss));
    console.log(
      [
        String(r.workers).padEnd(7),
        r.kind.padEnd(8),
        `${wall.toFixed(1)} (${list(r.seconds)})`.padEnd(31),
        `${speedup.toFixed(2)}x`.padEnd(8),
        `${ceiling.toFixed(2)}x`.padEnd(11),
        `${((100 * speedup) / ceiling).toFixed(0)}%`.padEnd(10),
        median(r.figures.map((f) => f.cpuSeconds)).toFixed(1).padEnd(5),
        startUp.padEnd(30),
        rssText.padEnd(18),
        (seeds / wall).toFixed(0),
      ].join('  '),
    );
  }
  const loopLines = [...loopSeconds].map(([n, s]) => `${n} at once: ${median(s).toFixed(2)} s (${list(s, 2)})`);
  console.log(`\nCPU ceiling: N concurrent pure-CPU loops of ${values.loop} steps, each timing its own loop; ${loopLines.join('; ')}`);
  const hashes = new Set(rows.flatMap((r) => r.figures.map((f) => f.csvSha256)));
  console.log(`sweep.csv identical across every run: ${hashes.size === 1 ? 'yes' : `NO (${hashes.size} different files)`}`);
}

async function benchCores(): Promise<void> {
  const seeds = Number(values.seeds);
  const chunk = Number(values.chunk);
  const counts = values.workers.split(',').map(Number);
  const kinds = values.kinds.split(',') as WorkerKind[];
  const rounds = Number(values.rounds);
  console.log(`tulip sweep tulip-mania --seeds 1..${seeds} --chunk ${chunk} --backend wasm; ${cores} cores (os.availableParallelism), ${mb(freemem())} MB free, Node ${process.version}`);
  console.log(`${rounds} rounds, interleaved; load average before: ${load()}`);
  const rows: Row[] = [];
  const row = (workers: number, kind: string): Row => {
    let r = rows.find((x) => x.workers === workers && x.kind === kind);
    if (!r) rows.push((r = { workers, kind, seconds: [], figures: [] }));
    return r;
  };
  const loopSeconds = new Map<number, number[]>();
  for (let round = 1; round <= rounds; round++) {
    for (const workers of counts) {
      loopSeconds.set(workers, [...(loopSeconds.get(workers) ?? []), await loops(workers)]);
      for (const kind of workers === 1 ? (['process'] as WorkerKind[]) : kinds) {
        const { seconds, figures } = await sweep({ workers, kind, seeds, chunk });
        const r = row(workers, figures.ran.kind);
        r.seconds.push(seconds);
        r.figures.push(figures);
        console.log(`round ${round}: ${workers} worker(s), ${figures.ran.kind}: ${seconds.toFixed(1)} s (load ${load()})`);
      }
    }
  }
  printCores(rows, loopSeconds, seeds);
  console.log(`load average after: ${load()}`);
}

async function benchChunkSizes(sizes: number[]): Promise<void> {
  const seeds = Number(values.seeds);
  const rounds = Number(values.rounds);
  console.log(`throughput by chunk size: tulip-mania, seeds 1..${seeds}, 1 worker (this thread), ${rounds} rounds interleaved; load before: ${load()}`);
  const seconds = new Map<number, number[]>(sizes.map((s) => [s, []]));
  const cpu = new Map<number, number[]>(sizes.map((s) => [s, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const size of sizes) {
      const { seconds: wall, figures } = await sweep({ workers: 1, kind: 'process', seeds, chunk: size });
      seconds.get(size)!.push(wall);
      cpu.get(size)!.push(figures.cpuSeconds);
    }
  }
  // CPU time barely moves with the machine's load, where wall time does: worlds per CPU second compare sizes fairly.
  console.log('chunk  wall s: median (runs)         CPU s: median (runs)         worlds/s  worlds per CPU s');
  for (const [size, s] of seconds) {
    const c = cpu.get(size)!;
    console.log(
      `${String(size).padEnd(5)}  ${`${median(s).toFixed(1)} (${list(s)})`.padEnd(28)}  ${`${median(c).toFixed(1)} (${list(c)})`.padEnd(27)}  ${(seeds / median(s)).toFixed(0).padEnd(8)}  ${(seeds / median(c)).toFixed(0)}`,
    );
  }
  console.log(`load average after: ${load()}`);
}

if (values['one-sweep']) {
  console.log(JSON.stringify(await oneSweep(JSON.parse(values['one-sweep']) as SweepRun)));
} else if (values['one-loop']) {
  const started = performance.now();
  const x = cpuLoop(Number(values['one-loop']));
  // Using the result keeps the loop from being optimised away.
  console.log(x === 0 ? 'unreachable' : performance.now() - started);
} else if (values['chunk-sizes']) {
  await benchChunkSizes(values['chunk-sizes'].split(',').map(Number));
} else {
  await benchCores();
}
