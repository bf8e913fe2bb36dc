/**
 * `tulip facts <scenario>`: does the scenario's market look like a real one? The stylized
 * facts of one asset's 1-tick log returns (Cont 2001) in every world of a run, as the
 * median and the 10th–90th percentile range over worlds, beside what real markets show.
 */
import type { Command } from 'commander';
import { loadScenarioFile } from '../setup/loader.ts';
import type { BackendChoice } from '../models/backend.ts';
import { FACT_STATS, MARKET_FACTS_DEFAULTS, marketFacts, marketFactsProblem, type FactName, type FactSpread, type MarketFactsResult } from '../analysis/market-facts.ts';
import { backendChoice, bankChoice, BANK_HELP, checkWorldSeeds, collect, resolveScenario, UsageError, wholeNumber, type BankChoice } from './options.ts';

const FORMATS = ['text', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

interface FactsCliOptions {
  ticks: number;
  worlds: number;
  seed?: number;
  after: number;
  asset?: string;
  set: string[];
  backend: BackendChoice;
  bank?: BankChoice;
  format: Format;
}

function formatChoice(text: string): Format {
  if (!(FORMATS as readonly string[]).includes(text)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(text)}`);
  return text as Format;
}

/** Each row of the table: the statistic, and what real markets show (Cont 2001), fixed. */
const ROWS: Record<FactName, { label: string; real: string }> = {
  excessKurtosis: { label: 'excess kurtosis', real: '5 to 50' },
  hillIndex: { label: 'Hill tail index of |r| (top 5 %)', real: 'about 3 (2 to 5)' },
  acfAbs1: { label: 'acf |r| lag 1', real: '0.1–0.3, decaying slowly' },
  acfAbs10: { label: 'acf |r| lag 10', real: '0.1–0.3, decaying slowly' },
  acfAbs50: { label: 'acf |r| lag 50', real: '0.1–0.3, decaying slowly' },
  acfLag1: { label: 'acf r lag 1', real: '≈ 0 (|ρ| < 0.05)' },
  kurtosis50: { label: 'excess kurtosis at 50 ticks', real: 'falls toward 0' },
  leverage: { label: 'leverage corr(r_t, r_t+1²)', real: 'negative' },
};

export function addFactsCommand(program: Command): void {
  program
    .command('facts')
    .description('the stylized facts of a run’s returns (heavy tails, volatility clustering, leverage) beside a real market’s')
    .argument('<scenario>', 'a scenario file, or the name of a shipped one (e.g. calm)')
    .option('--ticks <n>', `ticks to run (default ${MARKET_FACTS_DEFAULTS.ticks})`, wholeNumber('--ticks', 1, 1_000_000), MARKET_FACTS_DEFAULTS.ticks)
    .option('--worlds <n>', `worlds (seeds) run in lockstep; figures are medians over worlds (default ${MARKET_FACTS_DEFAULTS.worlds})`, wholeNumber('--worlds', 1, 100_000), MARKET_FACTS_DEFAULTS.worlds)
    .option('--seed <n>', 'seed of world 0 (world k has seed + k); default: the scenario’s', wholeNumber('--seed', 0))
    .option('--after <tick>', `burn-in: only the returns after this tick count (default ${MARKET_FACTS_DEFAULTS.after})`, wholeNumber('--after', 0), MARKET_FACTS_DEFAULTS.after)
    .option('--asset <symbol>', 'the asset whose closing price is read (default: the scenario’s first)')
    .option('--set <path=value>', 'override a scenario field (repeatable), e.g. market.style=gaussian', collect, [])
    .option('--backend <name>', 'tfjs backend: auto, tensorflow, wasm or cpu', backendChoice, 'auto')
    .option('--bank <name>', BANK_HELP, bankChoice)
    .option('--format <f>', 'text (aligned table), markdown or json (every world’s numbers)', formatChoice, 'text')
    .action(async (scenario: string, options: FactsCliOptions) => {
      const loaded = loadScenarioFile(resolveScenario(scenario), options.set);
      // Every mistake is reported before the run, not after a minute of it.
      const problem = marketFactsProblem(loaded, options);
      if (problem) throw new UsageError(problem);
      checkWorldSeeds(options.seed ?? loaded.config.seed, options.worlds);
      const result = await marketFacts(loaded, { ...options, onBackend: (note) => process.stderr.write(`${note}\n`) });
      const out = options.format === 'json' ? JSON.stringify(result, null, 2) : options.format === 'markdown' ? formatMarkdown(result) : formatText(result);
      process.stdout.write(`${out}\n`);
    });
}

function num(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const a = Math.abs(x);
  const text = a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : x.toFixed(3);
  // A tiny negative value rounds to "-0.000", which reads as a sign that means something.
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

function range(s: FactSpread, worlds: number): string {
  if (s.worlds === 0) return 'n/a';
  return `${num(s.p10)} to ${num(s.p90)}${s.worlds < worlds ? ` (${s.worlds}/${worlds} worlds)` : ''}`;
}

function heading(r: MarketFactsResult): string {
  const W = r.seeds.length;
  const seeds = W === 1 ? `seed ${r.seeds[0]}` : `seeds ${r.seeds[0]}..${r.seeds[W - 1]} (${W} worlds)`;
  const n = r.perWorld[0]?.n ?? 0;
  return `facts ${r.scenario}: market.style ${r.style}, asset ${r.asset}, ${seeds}; 1-tick log returns of ticks ${r.after + 1}..${r.ticks - 1} (${n} per world)`;
}

/** The table's cells, one row per statistic: label, median, 10th–90th percentile range, real markets. */
function cells(r: MarketFactsResult): string[][] {
  return FACT_STATS.map(({ name }) => [ROWS[name].label, num(r.summary[name].median), range(r.summary[name], r.seeds.length), ROWS[name].real]);
}

const HEADER = ['statistic', 'median', '10th–90th pct', 'real markets'];

export function formatText(r: MarketFactsResult): string {
  const rows = [HEADER, ...cells(r)];
  const widths = HEADER.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 1 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  return [heading(r), '', ...rows.map(line)].join('\n');
}

export function formatMarkdown(r: MarketFactsResult): string {
  const line = (row: string[]) => `| ${row.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [heading(r), '', line(HEADER), '|---|--:|---|---|', ...cells(r).map(line)].join('\n');
}
