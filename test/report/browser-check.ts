/**
 * `npm run test:browser`: opens a report in a real headless Chromium and checks that
 * every chart rendered (an <svg> with a non-zero box and drawn marks), that the page
 * logged no console error and asked for nothing over the network; then saves a
 * full-page screenshot.
 *
 * Needs Debian's chromium (`apt-get install --no-install-recommends chromium`); .ci/run
 * installs it when missing and runs this check. Usage:
 *
 *   npm run test:browser [-- REPORT.html] [--screenshot FILE.png]
 *
 * With no report given it writes the tulip-mania report (full run, with its
 * counterfactual) to a temporary folder first. The screenshot goes to that temporary
 * folder too unless --screenshot names a file (docs/report-screenshot.png is refreshed
 * only on purpose: `npm run test:browser -- --screenshot docs/report-screenshot.png`).
 * Chromium starts with a new empty profile and with its background traffic (updates,
 * sync, QUIC probes) off, so any network request seen comes from the report.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { loadScenarioFile } from '../../src/setup/loader.ts';
import { resolveScenario } from '../../src/cli/options.ts';
import { buildReport, reportInputFromScenario } from '../../src/report/report.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface ChartCheck {
  id: string;
  width: number;
  height: number;
  marks: number;
}

/** The tulip-mania report written to `folder`, and the ids of the charts it holds. */
async function defaultReport(folder: string): Promise<{ file: string; chartIds: string[] }> {
  const input = await reportInputFromScenario(loadScenarioFile(resolveScenario('tulip-mania')), { backend: 'auto' });
  const file = join(folder, 'report.html');
  const report = await buildReport(input);
  writeFileSync(file, report.html);
  return { file, chartIds: report.charts.map((c) => c.id) };
}

async function main(argv: string[]): Promise<number> {
  const shotAt = argv.indexOf('--screenshot');
  const given = argv.filter((a, i) => !a.startsWith('--') && (shotAt < 0 || i !== shotAt + 1))[0];
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`browser check: no Chromium at ${CHROMIUM}; install Debian's (apt-get install --no-install-recommends chromium) or set CHROMIUM_PATH\n`);
    return 2;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'tulip-browser-check-'));
  const screenshot = shotAt >= 0 ? resolve(argv[shotAt + 1]!) : join(scratch, 'report.png');
  const built = given ? { file: resolve(given), chartIds: undefined } : await defaultReport(scratch);
  const report = built.file;
  const problems: string[] = [];
  // A persistent context on a new empty folder: Chromium's own profile, never a user's.
  const profile = mkdtempSync(join(tmpdir(), 'tulip-chromium-profile-'));
  const browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, viewport: { width: 1100, height: 900 } });
  try {
    const page = await browser.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('request', (req) => {
      if (!req.url().startsWith('file:')) problems.push(`network request (a report must be self-contained): ${req.url()}`);
    });
    await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
    const charts: ChartCheck[] = await page.$$eval('figure.chart', (figures) =>
      figures.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return { id: f.getAttribute('data-chart') ?? '?', width: box?.width ?? 0, height: box?.height ?? 0, marks: svg ? svg.querySelectorAll('path, line, text, circle, rect').length : 0 };
      }),
    );
    if (charts.length === 0) problems.push('no charts on the page');
    const shown = new Set(charts.map((c) => c.id));
    for (const id of built.chartIds ?? []) if (!shown.has(id)) problems.push(`chart ${id} is in the report but not on the page`);
    for (const c of charts) {
      if (c.width < 50 || c.height < 30) problems.push(`chart ${c.id}: its SVG box is ${c.width}x${c.height} px`);
      if (c.marks < 5) problems.push(`chart ${c.id}: only ${c.marks} drawn elements`);
    }
    await page.screenshot({ path: screenshot, fullPage: true });
    process.stdout.write(`${report}: ${charts.length} charts (${charts.map((c) => `${c.id} ${Math.round(c.width)}x${Math.round(c.height)}`).join(', ')}); screenshot ${screenshot}\n`);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
  for (const p of problems) process.stderr.write(`browser check: ${p}\n`);
  process.stdout.write(problems.length ? `browser check failed: ${problems.length} problem(s)\n` : 'browser check passed\n');
  return problems.length ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
