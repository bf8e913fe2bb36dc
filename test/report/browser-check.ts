/**
 * `npm run test:browser`: opens a report in a real headless Chromium and checks that
 * every chart rendered (an <svg> with a non-zero box and drawn marks), that the page
 * logged no console error and asked for nothing over the network; then saves a
 * full-page screenshot.
 *
 * Needs Debian's chromium (`apt-get install -y chromium`); not part of `npm test`,
 * because CI installs npm packages only. Usage:
 *
 *   npm run test:browser [-- REPORT.html] [--screenshot FILE.png]
 *
 * The screenshot goes to a temporary folder unless --screenshot names a file.
 *
 * With no report given it writes the tulip-mania report (full run, with its
 * counterfactual) to a temporary folder first.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { loadScenarioFile } from '../../src/setup/loader.ts';
import { resolveScenario } from '../../src/cli/options.ts';
import { buildReport, reportInputFromScenario } from '../../src/report/report.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

interface ChartCheck {
  id: string;
  width: number;
  height: number;
  marks: number;
}

async function defaultReport(): Promise<string> {
  const input = await reportInputFromScenario(loadScenarioFile(resolveScenario('tulip-mania')), { backend: 'auto' });
  const file = join(mkdtempSync(join(tmpdir(), 'tulip-report-')), 'report.html');
  writeFileSync(file, (await buildReport(input)).html);
  return file;
}

async function main(argv: string[]): Promise<number> {
  const shotAt = argv.indexOf('--screenshot');
  // A temporary file unless asked: a check never overwrites tracked files (refresh the docs'
  // picture on purpose with --screenshot docs/report-screenshot.png).
  const screenshot = shotAt >= 0 ? argv[shotAt + 1]! : join(mkdtempSync(join(tmpdir(), 'tulip-browser-')), 'report-screenshot.png');
  const given = argv.filter((a, i) => !a.startsWith('--') && i !== shotAt + 1)[0];
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`browser check: no Chromium at ${CHROMIUM}; install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH\n`);
    return 2;
  }
  const report = given ? resolve(given) : await defaultReport();
  const problems: string[] = [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
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
    for (const c of charts) {
      if (c.width < 50 || c.height < 30) problems.push(`chart ${c.id}: its SVG box is ${c.width}x${c.height} px`);
      if (c.marks < 5) problems.push(`chart ${c.id}: only ${c.marks} drawn elements`);
    }
    await page.screenshot({ path: screenshot, fullPage: true });
    process.stdout.write(`${report}: ${charts.length} charts (${charts.map((c) => `${c.id} ${Math.round(c.width)}x${Math.round(c.height)}`).join(', ')}); screenshot ${screenshot}\n`);
  } finally {
    await browser.close();
  }
  for (const p of problems) process.stderr.write(`browser check: ${p}\n`);
  process.stdout.write(problems.length ? `browser check failed: ${problems.length} problem(s)\n` : 'browser check passed\n');
  return problems.length ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
