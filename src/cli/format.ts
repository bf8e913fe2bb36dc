/**
 * The readable (non-JSON) output of `tulip run`: a few aligned tables.
 */
import type { RunSummary } from '../setup/summary.ts';

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const num = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));

export function formatSummary(s: RunSummary): string {
  const across = s.worlds > 1 ? ` (medians across ${s.worlds} worlds)` : '';
  const out: string[] = [];
  out.push(`${s.scenario}: seed ${s.seed}${s.worlds > 1 ? `..${s.seed + s.worlds - 1}` : ''}, ${s.ticks} ticks, backend ${s.backend}, tulip ${s.version}`);
  out.push(`trace hash ${s.traceHash}`);
  out.push('');
  out.push(`Assets${across}`);
  out.push(table(['asset', 'final price', 'final value', 'peak |P/V-1|'], Object.entries(s.assets).map(([k, a]) => [k, num(a.finalPrice), num(a.finalFundamental), num(a.peakDeviation, 3)])));
  if (Object.keys(s.models).length > 0) {
    out.push('');
    out.push(`Models${across}`);
    out.push(table(['model', 'PnL', 'position', 'version'], Object.entries(s.models).map(([k, m]) => [k, num(m.pnl, 0), num(m.position, 1), String(m.version)])));
  }
  for (const d of s.diverged ?? []) out.push('', `DIVERGED: world ${d.world} at tick ${d.tick} (${d.reason}): ${d.message}; its models were halted`);
  out.push('');
  out.push(s.alerts.length === 0 ? 'Alerts: none' : `Alerts (${s.alerts.length}):\n` + s.alerts.slice(0, 20).map((a) => `  tick ${a.tick} world ${a.world} [${a.severity}] ${a.monitor}${a.model ? ` (${a.model})` : ''}: ${a.message}`).join('\n'));
  return out.join('\n');
}
