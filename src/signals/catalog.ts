/**
 * The signal catalogue: every source a scenario's models read, declared (`signals:`) or
 * not, with owner, cost, versions, outages and consumers; and the dependency graph of
 * who reads what, with its loops.
 *
 * A feature without `source:` reads an implicit source named after what it computes
 * (`momentum(10):X`, `model-output:A`): its consumers are *undeclared* — nobody upstream
 * knows they depend on it. A model reading another model's output is the classic case.
 *
 * Loops: model M influences model N when N reads a signal of the asset M trades (M's
 * orders move that price) or reads M's published prediction. A cycle in this graph
 * (including M -> M) is a feedback loop through data dependencies.
 */
import type { FeatureConfig, ModelConfig, ScenarioConfig, SignalSourceConfig } from '../config/schema.ts';
import { featureName, modelAssets } from '../config/naming.ts';
import { describeChange } from './sources.ts';

export interface Consumer {
  model: string;
  feature: string;
  missing: string;
  /** e.g. `v1 auto` when pinned. */
  pin?: string;
}

export interface CatalogEntry {
  name: string;
  /** What is computed, e.g. `value-ratio:X`, `momentum(10):X`, `model-output:A`. */
  computes: string;
  declared: boolean;
  owner: string;
  /** Per consumer feature per tick (currency units). */
  cost: number;
  versions: string[];
  outages: string[];
  consumers: Consumer[];
}

export interface Influence {
  from: string;
  to: string;
  /** Why, in words: `B reads momentum(10):X, which A's orders move`. */
  via: string;
}

export interface Catalog {
  entries: CatalogEntry[];
  /** Per model: the sources it reads and the asset it trades. */
  reads: { model: string; sources: string[]; trades: string; costPerTick: number }[];
  influences: Influence[];
  /** Each loop as the cycle of model names, first repeated at the end (`B -> B`, `A -> B -> A`). */
  loops: { cycle: string[]; via: string[] }[];
}

/** The asset a model's features read: its one asset, or `*` (the asset being scored) for a multi-asset model. */
function assetLabel(config: ScenarioConfig, m: ModelConfig): string {
  const assets = modelAssets(config, m);
  return assets.length === 1 ? assets[0]! : '*';
}

export function computes(feature: FeatureConfig, modelAsset: string): string {
  const asset = feature.asset ?? modelAsset;
  switch (feature.signal) {
    case 'model-output':
      return `model-output:${feature.model}`;
    case 'momentum':
      return `momentum(${feature.window}):${asset}`;
    case 'return':
      return `return(${feature.lag}):${asset}`;
    default:
      return `${feature.signal}:${asset}`;
  }
}

function outageText(o: SignalSourceConfig['outages'][number]): string {
  if (o.type === 'calendar') return `calendar: down ${o.length} of every ${o.every} ticks from ${o.from}`;
  if (o.type === 'random') return `random: p=${o.probability}/tick for ${o.duration} ticks`;
  return `load: capacity ${o.capacity} (+${o.perShare}/share traded), crash rate ${o.crashRate}, recovery ${o.recovery} ticks`;
}

export function buildCatalog(config: ScenarioConfig): Catalog {
  const entries = new Map<string, CatalogEntry>();
  for (const [name, source] of Object.entries(config.signals)) {
    entries.set(name, {
      name,
      computes: '',
      declared: true,
      owner: source.owner,
      cost: source.cost,
      versions: ['v1 at tick 0', ...source.changes.map((c, k) => `v${k + 2} at tick ${c.tick}: ${describeChange(c)} (${c.announced ? 'announced' : 'silent'})`)],
      outages: source.outages.map(outageText),
      consumers: [],
    });
  }
  const models = Object.entries(config.models).filter(([, m]) => m.enabled);
  const reads: Catalog['reads'] = [];
  for (const [model, m] of models) {
    const sources: string[] = [];
    let costPerTick = 0;
    for (const f of m.features) {
      const what = computes(f, assetLabel(config, m));
      const name = f.source ?? what;
      let entry = entries.get(name);
      if (!entry) {
        entry = { name, computes: what, declared: false, owner: f.signal === 'model-output' ? `model ${f.model}` : 'market-data', cost: 0, versions: ['v1 at tick 0'], outages: [], consumers: [] };
        entries.set(name, entry);
      }
      if (!entry.computes) entry.computes = what;
      const consumer: Consumer = { model, feature: featureName(f), missing: f.missing };
      if (f.pin) consumer.pin = `v${f.pin.version} ${f.pin.upgrade}${f.pin.upgrade === 'manual' && f.pin.at !== undefined ? ` at ${f.pin.at}` : ''}`;
      entry.consumers.push(consumer);
      sources.push(name);
      costPerTick += entry.cost;
    }
    const traded = modelAssets(config, m);
    reads.push({ model, sources, trades: traded.length === 1 ? traded[0]! : `${traded.length} assets (${traded[0]}..${traded.at(-1)}), one shared model`, costPerTick });
  }
  const influences = influencesOf(config);
  return { entries: [...entries.values()], reads, influences, loops: findLoops(models.map(([n]) => n), influences) };
}

/** Edges M -> N: N reads a price-derived signal of the asset M trades, or M's prediction. */
function influencesOf(config: ScenarioConfig): Influence[] {
  const models = Object.entries(config.models).filter(([, m]) => m.enabled);
  const out: Influence[] = [];
  for (const [from, fm] of models) {
    for (const [to, tm] of models) {
      const moved = new Set(modelAssets(config, fm));
      for (const f of tm.features) {
        const what = computes(f, assetLabel(config, tm));
        const read = f.asset !== undefined ? [f.asset] : modelAssets(config, tm);
        if (f.signal === 'model-output' && f.model === from) out.push({ from, to, via: `${to} reads ${from}'s prediction (${featureName(f)})` });
        else if (f.signal !== 'model-output' && read.some((a) => moved.has(a))) out.push({ from, to, via: `${to} reads ${what}, which ${from}'s orders move` });
      }
    }
  }
  return out;
}

/** Simple cycles of the influence graph, each reported once (starting from its first model in scenario order). */
function findLoops(models: string[], influences: Influence[]): Catalog['loops'] {
  const loops: Catalog['loops'] = [];
  const next = (m: string) => [...new Set(influences.filter((e) => e.from === m).map((e) => e.to))];
  const viaOf = (a: string, b: string) => influences.filter((e) => e.from === a && e.to === b).map((e) => e.via).join('; ');
  models.forEach((start, s) => {
    const walk = (path: string[]): void => {
      for (const n of next(path[path.length - 1]!)) {
        if (n === start) {
          const cycle = [...path, start];
          loops.push({ cycle, via: cycle.slice(1).map((b, i) => viaOf(cycle[i]!, b)) });
        } else if (models.indexOf(n) > s && !path.includes(n)) walk([...path, n]);
      }
    };
    walk([start]);
  });
  return loops;
}

export function formatCatalog(c: Catalog): string {
  const out: string[] = ['Signal catalogue', ''];
  for (const e of c.entries) {
    out.push(`${e.name}${e.declared ? '' : ' (implicit: not declared under signals:)'}`);
    out.push(`    computes   ${e.computes || '(no consumer)'}`);
    out.push(`    owner      ${e.owner}`);
    out.push(`    cost       ${e.cost} per consumer per tick`);
    out.push(`    versions   ${e.versions.join('; ')}`);
    out.push(`    outages    ${e.outages.join('; ') || 'none'}`);
    const who = e.consumers.map((k) => `${k.model}.${k.feature} (missing: ${k.missing}${k.pin ? `, pinned ${k.pin}` : ''}${e.declared ? '' : ', undeclared'})`);
    out.push(`    consumers  ${who.join(', ') || 'none'}`);
  }
  out.push('', 'Dependency graph (who reads what)');
  for (const r of c.reads) out.push(`    ${r.model} reads ${r.sources.join(', ')}; trades ${r.trades}; data cost ${r.costPerTick} per tick`);
  for (const i of c.influences) out.push(`    ${i.from} -> ${i.to}: ${i.via}`);
  out.push('', c.loops.length ? 'Loops' : 'Loops: none');
  for (const l of c.loops) out.push(`    ${l.cycle.join(' -> ')}: ${l.via.join('; then ')}`);
  return out.join('\n');
}
