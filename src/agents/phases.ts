/**
 * The order phase: every trader of every world sets its order for the tick. Background
 * traders (noise, fundamentalists, momentum) follow the market's rules; a model's trader
 * turns its lane's served prediction into an order.
 */
import type { ScenarioConfig } from '../config/schema.ts';
import { streamColumn, type WorldRandom } from '../core/rng.ts';
import type { Phase } from '../engine/phase.ts';
import type { Ledger } from '../world/ledger.ts';
import type { MarketState } from '../world/market-state.ts';
import { newsVolatility, noiseVolatility } from '../config/market-style.ts';
import { fundamentalistOrder, momentumOrder, noiseOrder, volatilityFactor } from '../market/background-traders.ts';
import type { ModelRole } from '../models/model-role.ts';
import { modelOrder } from './model-trader.ts';

/** Who each ledger entry is, so the order phase knows which rule to follow. */
export type AgentKind = { kind: 'noise' | 'fundamentalists' | 'momentum'; asset: number } | { kind: 'model'; role: number; lane: number };

export interface OrderPhaseParts {
  scenario: ScenarioConfig;
  market: MarketState;
  ledger: Ledger;
  roles: readonly ModelRole[];
  agentKinds: readonly AgentKind[];
  rngs: readonly WorldRandom[];
}

export function orderPhase(p: OrderPhaseParts): Phase {
  const { market, ledger, roles, agentKinds } = p;
  const traders = p.scenario.market.traders;
  const assets = Object.values(p.scenario.market.assets);
  const G = agentKinds.length;
  const W = market.worlds;
  const A = market.assets;
  const style = p.scenario.market.style;
  const clustered = style === 'garch' && traders.noise.clustering !== 0;
  const volatility = noiseVolatility(traders.noise, style);
  // Noise traders' streams, resolved once: one column over the worlds per trader (undefined for other kinds).
  const noise = agentKinds.map((k) => (k.kind === 'noise' ? streamColumn(p.rngs, `noise-traders/${market.symbols[k.asset]}`) : undefined));
  const { order, position } = ledger;
  return {
    name: 'place-orders',
    // Trader by trader, each over all worlds: the kind and its parameters are decided once
    // per trader. Every trader draws from its own stream, so the order of the loops changes no draw.
    run({ tick: t }) {
      for (let g = 0; g < G; g++) {
        const kind = agentKinds[g]!;
        if (kind.kind === 'model') {
          const role = roles[kind.role]!;
          const trading = role.trades(t);
          for (let w = 0; w < W; w++) {
            const i = w * G + g;
            order[i] = modelOrder(role.config.policy, role.lanePrediction[role.layout.at(w, kind.lane)]!, position[i]!, trading && !role.skips(w), role.halted[w] === 1);
          }
          continue;
        }
        const asset = assets[kind.asset]!;
        if (t < asset.listedAt) {
          for (let w = 0; w < W; w++) order[w * G + g] = 0; // a dark asset: nobody trades it yet
        } else if (kind.kind === 'noise') {
          const { arena, at } = noise[g]!;
          if (clustered) {
            // Noise trading follows volatility (the volume-volatility link of real markets).
            const longRun = newsVolatility(asset.fundamental, style) ** 2;
            const a = kind.asset;
            for (let w = 0; w < W; w++) {
              const activity = asset.activity * volatilityFactor(market.newsVariance[w * A + a]!, longRun, traders.noise.clustering);
              order[w * G + g] = noiseOrder(traders.noise, volatility, position[w * G + g]!, arena.normal(at[w]!), activity);
            }
          } else for (let w = 0; w < W; w++) order[w * G + g] = noiseOrder(traders.noise, volatility, position[w * G + g]!, arena.normal(at[w]!), asset.activity);
        } else if (kind.kind === 'fundamentalists') {
          for (let w = 0; w < W; w++) order[w * G + g] = fundamentalistOrder(traders.fundamentalists, market, w, kind.asset, position[w * G + g]!);
        } else {
          for (let w = 0; w < W; w++) order[w * G + g] = momentumOrder(traders.momentum, market, w, kind.asset, position[w * G + g]!, t);
        }
      }
    },
  };
}
