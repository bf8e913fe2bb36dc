/**
 * Progress of a sweep as text: a bar with rate and ETA for a terminal, a plain line for
 * logs. The clock is the caller's (`elapsedSeconds`), so this stays deterministic.
 */
import type { SweepProgress } from './run.ts';

/** Rows done, counting running chunks by the fraction of their ticks done. */
const doneNow = (p: SweepProgress): number => p.rowsDone + p.rowsRunning;

/** Rows computed per second by this run (resumed rows excluded) and the seconds left at that rate. */
function rateAndEta(p: SweepProgress, elapsedSeconds: number): { rate: number; eta: number } {
  const computed = doneNow(p) - p.rowsResumed;
  const rate = elapsedSeconds > 0 ? computed / elapsedSeconds : 0;
  return { rate, eta: rate > 0 ? (p.rowsTotal - doneNow(p)) / rate : Number.NaN };
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** `[#########-----------]  450/1000 worlds  45%  12.3 worlds/s  ETA 00:45` */
export function progressBar(p: SweepProgress, elapsedSeconds: number, width = 24): string {
  const fraction = p.rowsTotal > 0 ? doneNow(p) / p.rowsTotal : 1;
  const filled = Math.round(fraction * width);
  const { rate, eta } = rateAndEta(p, elapsedSeconds);
  const total = String(p.rowsTotal);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(doneNow(p))).padStart(total.length)}/${total} worlds ${String(Math.floor(fraction * 100)).padStart(3)}%  ${rate.toFixed(1)} worlds/s  ETA ${formatDuration(eta)}`;
}

/** `sweep: 450/1000 worlds (45%), chunk 3/6, 12.3 worlds/s, ETA 00:45, elapsed 00:36` (`label` names the command) */
export function progressLine(p: SweepProgress, elapsedSeconds: number, label = 'sweep'): string {
  const { rate, eta } = rateAndEta(p, elapsedSeconds);
  const pct = p.rowsTotal > 0 ? Math.floor((doneNow(p) / p.rowsTotal) * 100) : 100;
  return `${label}: ${Math.floor(doneNow(p))}/${p.rowsTotal} worlds (${pct}%), chunk ${p.chunksDone}/${p.chunksTotal}, ${rate.toFixed(1)} worlds/s, ETA ${formatDuration(eta)}, elapsed ${formatDuration(elapsedSeconds)}`;
}
