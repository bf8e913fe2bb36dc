/**
 * The order phase: every trader of every world sets its order for the tick. Background
 * traders (noise, fundamentalists, momentum) follow the market's rules; a model's trader
 * turns its lane's served prediction into an order.
 */
import type { ScenarioConfig } from '../config/schema.ts';
import type { RandomStream, WorldRandom } from '../core/rng.ts';
import type { Phase } from '../engine/phase.ts';
import type { Ledger } from '../world/ledger.ts';
import type { MarketState } from '../world/market-state.ts';
import { fundamentalistOrder, momentumOrder, noiseOrder } from '../market/background-traders.ts';
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
  // Noise traders' streams, resolved once: index w * agents + g (undefined for other kinds).
  const noise: (RandomStream | undefined)[] = [];
  p.rngs.forEach((rng) => agentKinds.forEach((k) => noise.push(k.kind === 'noise' ? rng.stream(`noise-traders/${market.symbols[k.asset]}`) : undefined)));
  const listed = new Uint8Array(assets.length);
  return {
    name: 'place-orders',
    run({ tick: t }) {
      for (let a = 0; a < assets.length; a++) listed[a] = t >= assets[a]!.listedAt ? 1 : 0;
      for (let w = 0; w < market.worlds; w++) {
        for (let g = 0; g < G; g++) {
          const kind = agentKinds[g]!;
          const i = w * G + g;
          const position = ledger.position[i]!;
          let order = 0;
          if (kind.kind === 'model') {
            const role = roles[kind.role]!;
            order = modelOrder(role.config.policy, role.lanePrediction[role.layout.at(w, kind.lane)]!, position, role.trades(t) && !role.skips(w), role.halted[w] === 1);
          } else if (!listed[kind.asset]) order = 0; // a dark asset: nobody trades it yet
          else if (kind.kind === 'noise') order = noiseOrder(traders.noise, position, noise[i]!, assets[kind.asset]!.activity);
          else if (kind.kind === 'fundamentalists') order = fundamentalistOrder(traders.fundamentalists, market, w, kind.asset, position);
          else order = momentumOrder(traders.momentum, market, w, kind.asset, position, t);
          ledger.order[i] = order;
        }
      }
    },
  };
}
