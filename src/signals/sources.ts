/**
 * Upstream sources: the systems that serve signals to models, each with an owner, a cost,
 * ways of going down (random, calendar, load-induced) and a schedule of versions.
 *
 * One `SignalSources` holds every declared source's state for all worlds. It advances
 * once per tick, before any model reads its features (the simulation's observe phase):
 * it decides, per world, which sources are down this tick.
 *
 * Determinism: each random or load outage draws exactly one uniform per world per tick
 * from its own stream (`signals/<name>/outage/<i>`, `signals/<name>/load/<i>`), whether
 * or not the source is already down, so counterfactual runs stay aligned.
 */
import type { OutageConfig, SignalSourceConfig, UpstreamChangeConfig } from '../config/schema.ts';
import type { MarketState } from '../world/market-state.ts';
import type { RandomStream, WorldRandom } from '../core/rng.ts';

/** Something the signal layer tells the run: an announced change, an upgrade, a deprecation deadline. */
export interface SignalNotice {
  world: number;
  monitor: string;
  severity: 'info' | 'warning' | 'critical';
  model?: string;
  message: string;
}

export interface SourceInfo {
  name: string;
  config: SignalSourceConfig;
  /** Number of features (over all enabled models) that read it: its base load. */
  consumers: number;
  /** Asset whose trading adds load (the first consumer's asset). */
  asset: number;
}

export class SignalSources {
  /** Per world and source: 1 when the source is down this tick. */
  readonly down: Uint8Array;
  /** Per world and source: ticks down so far. */
  readonly downTicks: Float64Array;
  /** Per world and source: the load of the last tick (load units). */
  readonly load: Float64Array;
  /** Per world and outage entry (all sources' outages in order): first tick up again after a random or load outage. */
  readonly until: Float64Array;
  /** Notices raised this tick; the simulation drains them into alerts. */
  notices: SignalNotice[] = [];
  private readonly outageBase: number[];
  private readonly outageCount: number;
  /** streams[w][k]: the stream of outage entry k in world w (undefined for calendar outages). */
  private readonly streams: (RandomStream | undefined)[][];

  constructor(
    readonly worlds: number,
    readonly sources: readonly SourceInfo[],
    rngs: readonly WorldRandom[],
  ) {
    const S = sources.length;
    this.down = new Uint8Array(worlds * S);
    this.downTicks = new Float64Array(worlds * S);
    this.load = new Float64Array(worlds * S);
    this.outageBase = [];
    let k = 0;
    for (const s of sources) {
      this.outageBase.push(k);
      k += s.config.outages.length;
    }
    this.outageCount = k;
    this.until = new Float64Array(worlds * k);
    this.streams = rngs.map((rng) => sources.flatMap((s) => s.config.outages.map((o, i) => (o.type === 'calendar' ? undefined : rng.stream(`signals/${s.name}/${o.type === 'random' ? 'outage' : 'load'}/${i}`)))));
  }

  index(name: string): number {
    return this.sources.findIndex((s) => s.name === name);
  }

  isDown(world: number, source: number): boolean {
    return this.down[world * this.sources.length + source] === 1;
  }

  /** The newest version of source s at tick t: 1 plus the changes scheduled at or before t. */
  latestVersion(source: number, t: number): number {
    let v = 1;
    for (const c of this.sources[source]!.config.changes) if (c.tick <= t) v++;
    return v;
  }

  /** Decides which sources are down at tick t in every world, and announces changes. */
  advance(t: number, market: MarketState): void {
    const S = this.sources.length;
    for (let w = 0; w < this.worlds; w++) {
      for (let s = 0; s < S; s++) {
        const info = this.sources[s]!;
        const load = info.consumers + loadPerShare(info.config) * market.volume[market.index(w, info.asset)]!;
        this.load[w * S + s] = load;
        let down = false;
        info.config.outages.forEach((o, i) => {
          const k = w * this.outageCount + this.outageBase[s]! + i;
          if (this.outageDown(o, t, load, k, this.streams[w]![this.outageBase[s]! + i])) down = true;
        });
        this.down[w * S + s] = down ? 1 : 0;
        if (down) this.downTicks[w * S + s]! += 1;
        for (const [c, change] of info.config.changes.entries()) {
          if (change.announced && change.tick === t) {
            this.notices.push({ world: w, monitor: 'upstream', severity: 'info', message: `${info.config.owner} announces ${info.name} v${c + 2} from tick ${t}: ${describeChange(change)}` });
          }
        }
      }
    }
  }

  /** Whether one outage entry holds the source down at t; draws its one uniform first. */
  private outageDown(o: OutageConfig, t: number, load: number, k: number, stream: RandomStream | undefined): boolean {
    if (o.type === 'calendar') return t >= o.from && (t - o.from) % o.every < o.length;
    const u = stream!.uniform();
    if (t < this.until[k]!) return true;
    const p = o.type === 'random' ? o.probability : Math.min(1, o.crashRate * Math.max(0, load / o.capacity - 1));
    if (u < p) {
      this.until[k] = t + (o.type === 'random' ? o.duration : o.recovery);
      return true;
    }
    return false;
  }

  drainNotices(): SignalNotice[] {
    const out = this.notices;
    this.notices = [];
    return out;
  }

  arrays(): (Float64Array | Uint8Array)[] {
    return [this.down, this.downTicks, this.load, this.until];
  }
}

function loadPerShare(config: SignalSourceConfig): number {
  let per = 0;
  for (const o of config.outages) if (o.type === 'load') per = Math.max(per, o.perShare);
  return per;
}

export function describeChange(c: UpstreamChangeConfig): string {
  switch (c.type) {
    case 'scale':
      return `values x${c.factor}`;
    case 'offset':
      return `values ${c.offset >= 0 ? '+' : ''}${c.offset}`;
    case 'sign':
      return 'values negated';
    case 'lag':
      return `values ${c.ticks} tick(s) late`;
    case 'definition':
      return `recomputed${c.window !== undefined ? ` with window ${c.window}` : ''}${c.lag !== undefined ? ` with lag ${c.lag}` : ''}`;
  }
}
