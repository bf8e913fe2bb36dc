/**
 * The report page: one HTML file with no scripts and no network access, every chart an
 * inline SVG. The header names what makes the run reproducible (scenario, seed, worlds,
 * backend, tulip version, trace hash); nothing on the page depends on the wall clock,
 * so the same run always gives the same bytes.
 */
import { basename } from 'node:path';
import { stringify } from 'yaml';
import type { RenderedChart } from './charts.ts';
import type { ReportInput } from './report-input.ts';
import { runTraceHash } from './trace-file.ts';
import { eventRows } from './series.ts';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; }
dl.run-header { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dl.run-header dt { font-weight: 600; } dl.run-header dd { margin: 0; }
code { font-size: 0.85em; word-break: break-all; }
table { border-collapse: collapse; margin: 0.5rem 0; } th, td { padding: 0.2rem 0.7rem; text-align: right; border-bottom: 1px solid #eee; }
th:first-child, td:first-child { text-align: left; }
figure.chart { margin: 1.5rem 0; } figure.chart svg { max-width: 100%; height: auto; }
pre { background: #f6f6f6; padding: 0.8rem; overflow-x: auto; font-size: 0.85em; }
.note { color: #666; font-size: 0.9em; }
`;

const num = (x: number | undefined, digits = 2): string => (x === undefined ? '' : Number.isFinite(x) ? x.toFixed(digits) : String(x));
/** A fraction as a percentage: 0.435 -> "43.5 %". */
export const percent = (x: number | undefined): string => (x === undefined ? '' : Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : String(x));

function headerList(input: ReportInput): string {
  const h = input.trace.headers;
  const first = h[0]!;
  const seeds = h.length === 1 ? String(first.seed) : `${first.seed}..${h.at(-1)!.seed}`;
  const ticks = input.trace.records.filter((r) => r.world === 0).length;
  const items: [string, string, string][] = [
    ['scenario', 'scenario', escapeHtml(first.scenario)],
    ['seed', 'seed', escapeHtml(seeds)],
    ['worlds', 'worlds', String(h.length)],
    ['ticks', 'ticks', String(ticks)],
    ['backend', 'backend', escapeHtml(first.backend)],
    ['tulip version', 'version', escapeHtml(first.version)],
    ['trace hash', 'trace-hash', `<code>${escapeHtml(runTraceHash(h))}</code>`],
    ['trace schema', 'schema-version', String(first.schemaVersion)],
  ];
  return `<dl class="run-header" id="run-header">\n${items.map(([label, field, value]) => `<dt>${label}</dt><dd data-field="${field}">${value}</dd>`).join('\n')}\n</dl>`;
}

function summaryTables(input: ReportInput): string {
  const s = input.summary;
  if (!s) return '<p class="note">No summary.json beside this trace: final figures are in the charts only.</p>';
  const across = s.worlds > 1 ? ` (medians across ${s.worlds} worlds)` : '';
  const assets = Object.entries(s.assets)
    .map(([k, a]) => `<tr><td>${escapeHtml(k)}</td><td>${num(a.finalPrice)}</td><td>${num(a.finalFundamental)}</td><td>${percent(a.peakDeviation)}</td></tr>`)
    .join('\n');
  const models = Object.entries(s.models)
    .map(([k, m]) => `<tr><td>${escapeHtml(input.modelLabels?.[k] ?? k)}</td><td>${num(m.pnl, 0)}</td><td>${num(m.position, 1)}</td><td>${m.version}</td></tr>`)
    .join('\n');
  return [
    `<h3>Assets${across}</h3><table><thead><tr><th>asset</th><th>final price</th><th>final value</th><th>peak distance of price from value, |P/V&minus;1|</th></tr></thead><tbody>\n${assets}\n</tbody></table>`,
    models ? `<h3>Models${across}</h3><table><thead><tr><th>model</th><th>PnL (currency units)</th><th>position (shares)</th><th>version</th></tr></thead><tbody>\n${models}\n</tbody></table>` : '',
  ].join('\n');
}

function eventList(input: ReportInput): string {
  const events = eventRows(input.trace);
  if (events.length === 0) return '<p>No alerts or interventions were recorded in this run, so there is no chart of them.</p>';
  const shown = events.slice(0, 100);
  const items = shown.map((e) => `<li>tick ${e.tick}, world ${e.world}: <strong>${escapeHtml(e.kind === 'alert' ? `[${e.severity}] ${e.lane}` : e.text)}</strong>${e.kind === 'alert' ? ` &mdash; ${escapeHtml(e.text)}` : ''}</li>`);
  const more = events.length > shown.length ? `<p class="note">and ${events.length - shown.length} more (see the trace).</p>` : '';
  return `<ul>\n${items.join('\n')}\n</ul>${more}`;
}

function figure(chart: RenderedChart): string {
  return `<figure class="chart" id="chart-${chart.id}" data-chart="${chart.id}" aria-label="${escapeHtml(chart.title)}">\n${chart.svg}\n</figure>`;
}

export function reportHtml(input: ReportInput, charts: RenderedChart[]): string {
  const first = input.trace.headers[0]!;
  const sc = input.scenario;
  const title = sc?.title ?? first.scenario;
  const lesson = sc?.lesson ? `<section id="lesson"><h2>Lesson</h2><p>${escapeHtml(sc.lesson)}</p></section>` : '';
  const cf = input.counterfactual ? `<p class="note">The line &ldquo;${escapeHtml(input.counterfactual.label)}&rdquo; is a second run of the same seeds with the bug switched off before tick 0.</p>` : '';
  const params = sc
    ? `<section id="parameters"><h2>Parameters</h2><p class="note">From ${escapeHtml(basename(sc.source))}${sc.note ? `. ${escapeHtml(sc.note)}` : ''}</p><pre>${escapeHtml(stringify(sc.params))}</pre></section>`
    : '<section id="parameters"><h2>Parameters</h2><p class="note">The scenario of this trace was not found, so its parameters are not shown.</p></section>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tulip report: ${escapeHtml(title)} (seed ${first.seed})</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1>
${headerList(input)}
</header>
${lesson}
<section id="summary"><h2>Summary</h2>
${summaryTables(input)}
</section>
<section id="charts"><h2>Charts</h2>
${cf}
${charts.filter((c) => c.id !== 'events').map(figure).join('\n')}
</section>
<section id="events"><h2>Alerts and interventions</h2>
${charts.filter((c) => c.id === 'events').map(figure).join('\n')}
${eventList(input)}
${Object.keys(input.trace.records[0]?.monitors ?? {}).length ? '' : '<p class="note">No monitor ran in this run, so there are no monitor statistics to draw.</p>'}
</section>
${params}
<footer class="note"><p>Written by tulip ${escapeHtml(first.version)}. Reproduce with the same scenario, seed, worlds, backend and version: the trace hash above must match.</p></footer>
</body>
</html>
`;
}
