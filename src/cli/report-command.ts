/**
 * `tulip report <run-dir | scenario>`: one self-contained HTML page (charts inline as
 * SVG) of a run folder, or of a scenario run here and now (with its counterfactual:
 * the same seeds with the bug switched off).
 */
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { loadScenarioFile } from '../setup/loader.ts';
import type { BackendChoice } from '../models/backend.ts';
import type { ReportInput } from '../report/report.ts';
import { formatOfFile } from '../report/formats.ts';
import { checkWorldSeeds, backendChoice, collect, resolveScenario, SCENARIO_DIR, UsageError, wholeNumber } from './options.ts';
import { asUsageError, writeOutputFiles } from './export-command.ts';
import { checkOutputDir, checkOutputFile } from './output-path.ts';
import { verifyRunInput } from '../report/trace-check.ts';

export interface ReportOptions {
  out?: string;
  charts?: string;
  png?: boolean;
  seed?: number;
  worlds?: number;
  ticks?: number;
  set: string[];
  backend: BackendChoice;
  counterfactual: boolean;
}

export function addReportCommand(program: Command): void {
  program
    .command('report')
    .description('write one self-contained HTML report (charts inline as SVG) of a run folder or a scenario')
    .argument('<run>', 'a folder written by `tulip run --out`, a trace file, or a scenario (file or shipped name)')
    .option('--out <file>', 'the HTML file to write; default: report.html (inside the run folder when given one)')
    .option('--charts <dir>', 'also write each chart alone as an SVG file into this folder')
    .option('--png', 'with --charts: also write each chart as a PNG (twice the SVG size)')
    .option('--seed <n>', 'scenario only: seed of world 0 (world k has seed + k)', wholeNumber('--seed', 0))
    .option('--worlds <n>', 'scenario only: worlds run in lockstep (a fan chart when more than 1)', wholeNumber('--worlds', 1, 10_000))
    .option('--ticks <n>', 'scenario only: ticks to run; default: the scenario’s', wholeNumber('--ticks', 1, 1_000_000))
    .option('--set <path=value>', 'scenario only: override a scenario field (repeatable)', collect, [])
    .option('--backend <name>', 'scenario only: tfjs backend: auto, tensorflow, wasm or cpu', backendChoice, 'auto')
    .option('--no-counterfactual', 'scenario only: do not run the same seeds again with the bug switched off')
    .action(async (run: string, options: ReportOptions) => {
      if (options.png && !options.charts) throw new UsageError('--png needs --charts <dir>: the folder to write the PNG files into');
      const out = options.out ?? defaultReportFile(run);
      checkOutputFile(options.out === undefined ? 'report file' : '--out', out);
      if (options.charts !== undefined) checkOutputDir('--charts', options.charts);
      const { input } = await reportInput(run, options);
      const { buildReport } = await import('../report/report.ts');
      const report = await buildReport(input);
      // The page lists the critical `numerical` alert with the other alerts; say it here too.
      for (const d of input.summary?.diverged ?? []) process.stderr.write(`report: world ${d.world} diverged at tick ${d.tick} (${d.reason}): ${d.message}\n`);
      writeOutputFiles(dirname(out), { [basename(out)]: report.html });
      if (options.charts) {
        const files: Record<string, string | Uint8Array> = Object.fromEntries(report.charts.map((c) => [`${c.id}.svg`, c.svg]));
        if (options.png) {
          const { svgToPng } = await import('../report/png.ts');
          for (const c of report.charts) files[`${c.id}.png`] = svgToPng(c.svg);
        }
        writeOutputFiles(options.charts, files);
      }
      const kinds = options.png ? 'SVG and PNG' : 'SVG';
      process.stdout.write(`wrote ${out} (${report.charts.length} charts)${options.charts ? ` and ${report.charts.length} ${kinds} files in ${options.charts}` : ''}\n`);
    });
}

const isRecordedRun = (run: string): boolean => existsSync(run) && (statSync(run).isDirectory() || formatOfFile(run) !== undefined);

/** report.html inside a run folder, beside a trace file, or here for a scenario. */
function defaultReportFile(run: string): string {
  if (!isRecordedRun(run)) return 'report.html';
  return statSync(run).isDirectory() ? join(run, 'report.html') : join(dirname(run), 'report.html');
}

/** A run folder or trace file is read as it is; anything else is a scenario to run. */
async function reportInput(run: string, options: ReportOptions): Promise<{ input: ReportInput; defaultOut: string }> {
  // Loaded on use: the charting and Arrow libraries take a while to import.
  const { reportInputFromRunDir, reportInputFromScenario } = await import('../report/report.ts');
  const isDir = existsSync(run) && statSync(run).isDirectory();
  if (isDir || (existsSync(run) && formatOfFile(run))) {
    const scenarioOnly = [
      options.seed !== undefined && '--seed',
      options.worlds !== undefined && '--worlds',
      options.ticks !== undefined && '--ticks',
      options.set.length > 0 && '--set',
      options.backend !== 'auto' && '--backend',
      !options.counterfactual && '--no-counterfactual',
    ].filter(Boolean);
    if (scenarioOnly.length) throw new UsageError(`${scenarioOnly.join(', ')} ${scenarioOnly.length === 1 ? 'applies' : 'apply'} only when reporting a scenario; ${run} is a recorded run`);
    const input = asUsageError(() => reportInputFromRunDir(run, (name) => join(SCENARIO_DIR, `${name}.yaml`)));
    asUsageError(() => verifyRunInput(run, input.trace));
    return { input, defaultOut: isDir ? join(run, 'report.html') : join(dirname(run), 'report.html') };
  }
  const loaded = loadScenarioFile(resolveScenario(run), options.set);
  checkWorldSeeds(options.seed ?? loaded.config.seed, options.worlds ?? 1);
  const input = await reportInputFromScenario(loaded, {
    seed: options.seed,
    worlds: options.worlds,
    ticks: options.ticks,
    backend: options.backend,
    counterfactual: options.counterfactual,
    onBackend: (note) => process.stderr.write(`${note}\n`),
  });
  return { input, defaultOut: 'report.html' };
}
