/**
 * The ledger books every fill twice (trader and market maker), so cash and shares are
 * conserved: in every world, after every tick, the cash of all agents plus the market
 * maker sums to 0, and so do the positions in each asset. Checked tick by tick, with two
 * assets so per-asset booking is exercised too.
 */
import { describe, expect, it } from 'vitest';
import { smallMania } from '../helpers/scenarios.ts';
import { buildSimulation } from '../../src/setup/build.ts';

// Float64 sums of a few dozen fills: rounding is ~1e-16 of the amounts involved.
const RELATIVE_TOLERANCE = 1e-9;

describe('ledger conservation', () => {
  it('keeps the sum of cash at 0 and the sum of positions per asset at 0 after every tick', async () => {
    const sim = await buildSimulation(smallMania('market.assets.Y.initialPrice=50'), { seed: 2, worlds: 2, backend: 'wasm' });
    try {
      const { ledger, market } = sim.parts;
      const W = sim.worlds;
      const A = market.assets;
      expect(market.symbols).toEqual(['X', 'Y']);
      // Cumulative traded value and volume per world: the scale the rounding error is relative to.
      const tradedValue = new Float64Array(W);
      const tradedShares = new Float64Array(W * A);
      let checked = 0;
      while (!sim.done) {
        sim.step();
        for (let w = 0; w < W; w++) {
          let cash = 0;
          const shares = new Float64Array(A);
          for (let g = 0; g < ledger.agents.length; g++) {
            const i = ledger.index(w, g);
            const a = ledger.agents[g]!.asset;
            cash += ledger.cash[i]!;
            shares[a]! += ledger.position[i]!;
            tradedValue[w]! += Math.abs(ledger.order[i]!) * Math.exp(market.logClose[market.index(w, a)]!);
            tradedShares[w * A + a]! += Math.abs(ledger.order[i]!);
          }
          for (let a = 0; a < A; a++) {
            cash += ledger.makerCash[w * A + a]!;
            shares[a]! += ledger.makerPosition[w * A + a]!;
          }
          const at = `tick ${sim.tick - 1} world ${w}`;
          expect(Math.abs(cash), `${at}: cash sum ${cash}`).toBeLessThanOrEqual(RELATIVE_TOLERANCE * tradedValue[w]!);
          for (let a = 0; a < A; a++) {
            expect(Math.abs(shares[a]!), `${at}: ${market.symbols[a]} position sum ${shares[a]}`).toBeLessThanOrEqual(RELATIVE_TOLERANCE * tradedShares[w * A + a]!);
          }
          checked++;
        }
      }
      expect(checked).toBe(200 * W);
      // Not vacuous: there was real trading, and the market maker carries a real book.
      for (let w = 0; w < W; w++) {
        expect(tradedValue[w]).toBeGreaterThan(1e5);
        for (let a = 0; a < A; a++) expect(Math.abs(ledger.makerPosition[w * A + a]!)).toBeGreaterThan(0);
      }
    } finally {
      sim.dispose();
    }
  });
});
