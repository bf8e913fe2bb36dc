/**
 * The consumer side of a data dependency: how one model's features are served by their
 * upstream sources. Per world and feature it tracks what was served (which version),
 * whether the value was missing, how stale it is, and applies the feature's
 * missing-value policy and version pin.
 *
 * A feature without `source:` is always fresh and always version 1: its value is exactly
 * `readSignal`'s, so scenarios without sources run bit-for-bit as before.
 *
 * Versions: version 1 is the source as it is at tick 0; the k-th scheduled change makes
 * version k + 1. Every version's value is computed every tick (so a pinned consumer can
 * shadow the newest one) and kept in a short per-world history, which serves lag changes
 * and the shadow validation window.
 */
import type { FeatureConfig, UpstreamChangeConfig } from '../config/schema.ts';
import type { MarketState } from '../world/market-state.ts';
import { TickHistory } from '../core/history.ts';
import { ksStatistic } from '../stats/ks.ts';
import { readSignal, type SignalSpec } from './observe.ts';
import type { SignalSources } from './sources.ts';

interface Version {
  spec: SignalSpec;
  /** Value changes applied in order to the freshly computed signal. */
  transforms: UpstreamChangeConfig[];
  /** Total ticks late. */
  lag: number;
}

interface Link {
  /** Index of the source in SignalSources (-1: an implicit always-up source). */
  source: number;
  sourceName: string;
  feature: FeatureConfig;
  versions: Version[];
  changes: UpstreamChangeConfig[];
  deprecation: number;
  history: TickHistory | undefined;
}

/** Builds one version's spec, transforms and lag from the changes before it. */
function versionsOf(spec: SignalSpec, changes: readonly UpstreamChangeConfig[]): Version[] {
  const out: Version[] = [{ spec, transforms: [], lag: 0 }];
  for (const c of changes) {
    const prev = out[out.length - 1]!;
    const next: Version = { spec: { ...prev.spec }, transforms: [...prev.transforms], lag: prev.lag };
    if (c.type === 'definition') {
      if (c.window !== undefined) next.spec.window = c.window;
      if (c.lag !== undefined) next.spec.lag = c.lag;
    } else if (c.type === 'lag') next.lag += c.ticks;
    else next.transforms.push(c);
    out.push(next);
  }
  return out;
}

function transform(value: number, transforms: readonly UpstreamChangeConfig[]): number {
  let v = value;
  for (const c of transforms) {
    if (c.type === 'scale') v *= c.factor;
    else if (c.type === 'offset') v += c.offset;
    else if (c.type === 'sign') v = -v;
  }
  return v;
}

export class FeatureLinks {
  private readonly links: Link[];
  /** Per world and feature: 1 when the value was missing this tick (source down). */
  readonly missing: Uint8Array;
  /** Per world and feature: ticks since the last fresh value (0 = fresh this tick). */
  readonly stale: Float64Array;
  /** Per world and feature: ticks missing so far. */
  readonly missingTicks: Float64Array;
  /** Per world and feature: the last value received (NaN before the first). */
  readonly lastGood: Float64Array;
  /** Per world and feature: the version served this tick. */
  readonly served: Float64Array;
  /** Per world and feature: the pinned version (0 for features without a pin). */
  readonly pinned: Float64Array;
  /** Per world and feature: a version a `pin-version` action forces (0: none). */
  readonly forcedPin: Float64Array;
  /** Per world and feature: the last shadow validation distance (NaN when none). */
  readonly shadowDistance: Float64Array;
  /** Per world: 1 when a skip-trading feature was missing this tick. */
  readonly skip: Uint8Array;
  private readonly F: number;

  constructor(
    readonly worlds: number,
    readonly model: string,
    specs: readonly SignalSpec[],
    features: readonly FeatureConfig[],
    readonly sources: SignalSources | undefined,
  ) {
    this.F = specs.length;
    this.links = specs.map((spec, f) => {
      const feature = features[f]!;
      const s = feature.source === undefined || !sources ? -1 : sources.index(feature.source);
      const config = s >= 0 ? sources!.sources[s]!.config : undefined;
      const changes = config?.changes ?? [];
      const versions = versionsOf(spec, changes);
      const lagMax = Math.max(...versions.map((v) => v.lag));
      const needHistory = changes.length > 0;
      const capacity = lagMax + (feature.pin?.window ?? 0) + 2;
      return {
        source: s,
        sourceName: feature.source ?? '',
        feature,
        versions,
        changes,
        deprecation: config?.deprecation ?? 0,
        history: needHistory ? new TickHistory(worlds, capacity, versions.length) : undefined,
      };
    });
    const WF = worlds * this.F;
    this.missing = new Uint8Array(WF);
    this.stale = new Float64Array(WF);
    this.missingTicks = new Float64Array(WF);
    this.lastGood = new Float64Array(WF).fill(Number.NaN);
    this.served = new Float64Array(WF).fill(1);
    this.pinned = new Float64Array(WF);
    for (let w = 0; w < worlds; w++) this.links.forEach((l, f) => (this.pinned[w * this.F + f] = l.feature.pin?.version ?? 0));
    this.forcedPin = new Float64Array(WF);
    this.shadowDistance = new Float64Array(WF).fill(Number.NaN);
    this.skip = new Uint8Array(worlds);
  }

  /** Whether any feature reads a declared source (otherwise the links change nothing). */
  get active(): boolean {
    return this.links.some((l) => l.source >= 0);
  }

  /**
   * The raw value feature f serves in world w at tick t, after versions, outage and the
   * missing-value policy. `trainingMean` is the warm-up mean of the raw feature, NaN
   * before the warm-up ends.
   */
  read(f: number, w: number, t: number, market: MarketState, published: readonly Float64Array[], trainingMean: number): number {
    if (f === 0) this.skip[w] = 0;
    const link = this.links[f]!;
    const i = w * this.F + f;
    const value = link.source < 0 ? readSignal(link.versions[0]!.spec, market, w, t, published) : this.versioned(link, f, w, t, market, published);
    if (link.source < 0 || !this.sources!.isDown(w, link.source)) {
      this.missing[i] = 0;
      this.stale[i] = 0;
      this.lastGood[i] = value;
      return value;
    }
    this.missing[i] = 1;
    this.missingTicks[i]! += 1;
    this.stale[i]! += 1;
    // Before any value has arrived there is nothing to hold: the pipeline logs 0.
    const held = Number.isNaN(this.lastGood[i]!) ? 0 : this.lastGood[i]!;
    switch (link.feature.missing) {
      case 'zero':
        return 0;
      case 'training-mean':
        return Number.isNaN(trainingMean) ? held : trainingMean;
      case 'skip-trading':
        this.skip[w] = 1;
        return held;
      case 'hold-last':
        return held;
    }
  }

  /** Computes every version at t, handles the pin, and returns the served version's value. */
  private versioned(link: Link, f: number, w: number, t: number, market: MarketState, published: readonly Float64Array[]): number {
    const i = w * this.F + f;
    const latest = this.sources!.latestVersion(link.source, t);
    const h = link.history;
    if (!h) return readSignal(link.versions[0]!.spec, market, w, t, published);
    link.versions.forEach((v, k) => h.set(w, t, transform(readSignal(v.spec, market, w, t, published), v.transforms), k));
    let served = latest;
    if (this.forcedPin[i]! > 0) served = Math.min(this.forcedPin[i]!, latest);
    else if (link.feature.pin && this.pinned[i]! < latest) {
      this.checkPin(link, f, w, t, latest);
      served = Math.min(this.pinned[i]!, latest);
    }
    this.served[i] = served;
    return this.valueOf(link, w, t, served);
  }

  private valueOf(link: Link, w: number, t: number, version: number): number {
    const lag = link.versions[version - 1]!.lag;
    return link.history!.get(w, Math.max(0, t - lag), version - 1);
  }

  /** Pinned consumer behind the newest version: upgrade (manual or validated) or, at the deadline, alert. */
  private checkPin(link: Link, f: number, w: number, t: number, latest: number): void {
    const i = w * this.F + f;
    const pin = link.feature.pin!;
    const p = this.pinned[i]!;
    const changeTick = link.changes[p - 1]!.tick;
    const name = link.feature.name ?? link.feature.signal;
    let upgrade = false;
    let why = '';
    if (pin.upgrade === 'manual') {
      upgrade = pin.at !== undefined && t >= pin.at;
      why = `manual upgrade at tick ${pin.at}`;
    } else if (t - changeTick + 1 >= pin.window) {
      const a: number[] = [];
      const b: number[] = [];
      for (let s = t - pin.window + 1; s <= t; s++) {
        a.push(this.valueOf(link, w, s, p));
        b.push(this.valueOf(link, w, s, latest));
      }
      const d = ksStatistic(a, b);
      this.shadowDistance[i] = d;
      upgrade = d < pin.threshold;
      why = `shadow validation passed (KS distance ${d.toFixed(3)} < ${pin.threshold})`;
    }
    if (upgrade) {
      this.pinned[i] = latest;
      this.sources!.notices.push({ world: w, monitor: 'upgrade', severity: 'info', model: this.model, message: `${this.model}/${name} upgraded ${link.sourceName} from v${p} to v${latest}: ${why}` });
      return;
    }
    if (t === changeTick + link.deprecation) {
      const d = this.shadowDistance[i]!;
      const detail = pin.upgrade === 'auto' ? `shadow validation ${Number.isNaN(d) ? 'had too little data' : `failed (KS distance ${d.toFixed(3)} >= ${pin.threshold})`}` : 'no manual upgrade yet';
      this.sources!.notices.push({ world: w, monitor: 'deprecation', severity: 'warning', model: this.model, message: `${this.model}/${name} is still pinned to ${link.sourceName} v${p} at the end of its deprecation window (v${latest} is current): ${detail}` });
    }
  }

  /**
   * A `pin-version` action: serve feature f of world w from `version` (default: the
   * version before the one served now, i.e. the last good one after an upstream change).
   * Returns the version pinned, or undefined when the feature's source has one version.
   */
  pinTo(world: number, f: number, version?: number): number | undefined {
    const link = this.links[f]!;
    if (link.versions.length < 2 || !link.history) return undefined;
    const i = world * this.F + f;
    const target = Math.max(1, Math.min(link.versions.length, version ?? this.served[i]! - 1));
    this.forcedPin[i] = target;
    return target;
  }

  arrays(): (Float64Array | Uint8Array)[] {
    const own = [this.missing, this.stale, this.missingTicks, this.lastGood, this.served, this.pinned, this.forcedPin, this.shadowDistance, this.skip];
    return [...own, ...this.links.flatMap((l) => (l.history ? [l.history.data] : []))];
  }
}
