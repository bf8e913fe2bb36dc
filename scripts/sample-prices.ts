/**
 * Writes scenarios/data/sample-prices.csv: the small price path the `replayed-mania` lesson
 * replays (`fundamental.replay`). It is made here, not downloaded: 1000 business days from
 * 2021-01-04 of a GJR-GARCH(1,1) path with Student-t shocks (seed 2021), with a two-week
 * sell-off from day 120 (a fall of about a fifth) so the file has a crash in it. A test
 * checks the shipped file is what this script writes: `node --import tsx/esm scripts/sample-prices.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { StreamArena, WorldRandom, streamColumn } from '../src/core/rng.ts';
import { unitStudentT, nextVariance } from '../src/market/fundamental.ts';

export const SAMPLE_DAYS = 1000;

export function samplePricesCsv(): string {
  const rng = new WorldRandom(2021, new StreamArena());
  const { arena, at } = streamColumn([rng], 'sample-prices');
  const s = at[0]!;
  const garch = { alpha: 0.05, beta: 0.92, leverage: 0.05, tailDof: 5 };
  const volatility = 0.012; // about 19 % a year
  const longRun = volatility * volatility * (1 - garch.alpha - garch.beta - garch.leverage / 2);
  let variance = volatility * volatility;
  let logPrice = Math.log(100);
  const day = new Date(Date.UTC(2021, 0, 4));
  const rows = ['date,close'];
  for (let k = 0; k < SAMPLE_DAYS; k++) {
    rows.push(`${day.toISOString().slice(0, 10)},${Math.exp(logPrice).toFixed(4)}`);
    const drift = k >= 120 && k < 130 ? -0.022 : 0.0002;
    const news = Math.sqrt(variance) * unitStudentT(arena, s, garch.tailDof);
    variance = nextVariance(longRun, garch, news + drift, variance);
    logPrice += drift + news;
    do day.setUTCDate(day.getUTCDate() + 1);
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
  }
  return rows.join('\n') + '\n';
}

export const SAMPLE_FILE = fileURLToPath(new URL('../scenarios/data/sample-prices.csv', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SAMPLE_FILE, samplePricesCsv());
  process.stdout.write(`wrote ${SAMPLE_FILE} (${SAMPLE_DAYS} rows)\n`);
}
