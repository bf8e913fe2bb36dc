/**
 * Checks that need more than one field: names that must refer to something that exists.
 */
import type { ModelConfig, ScenarioConfig } from '../config/schema.ts';
import type { ScenarioProblem } from '../config/errors.ts';
import { BUILTIN_MONITORS } from '../monitors/builtins/index.ts';
import { issueToProblems } from '../config/issue-messages.ts';
import { parseSeries, SeriesError } from '../monitors/series.ts';
import { checkSignals } from '../signals/check.ts';
import { featureName, modelAssets } from '../config/naming.ts';

export function crossCheck(config: ScenarioConfig): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const assets = Object.keys(config.market.assets);
  const models = Object.keys(config.models);
  const assetList = assets.join(', ');
  if (assets.length === 0) problems.push({ path: 'market.assets', message: 'the market needs at least one asset (in `assets` or from `universe`)' });

  for (const [name, model] of Object.entries(config.models)) {
    const at = `models.${name}`;
    problems.push(...checkModelAssets(model, at, assets));
    const seen = new Set<string>();
    model.features.forEach((feature, i) => {
      const fname = featureName(feature);
      if (seen.has(fname)) problems.push({ path: `${at}.features[${i}]`, message: `two features are named ${JSON.stringify(fname)}; give one a distinct \`name\`` });
      seen.add(fname);
      if (feature.asset !== undefined && !assets.includes(feature.asset)) {
        problems.push({ path: `${at}.features[${i}].asset`, message: `unknown asset ${JSON.stringify(feature.asset)}; the market has: ${assetList}` });
      }
      if (feature.signal === 'model-output') {
        if (feature.model === undefined) problems.push({ path: `${at}.features[${i}].model`, message: `missing; a model-output feature names the model it reads (one of: ${models.join(', ')})` });
        else if (!models.includes(feature.model)) problems.push({ path: `${at}.features[${i}].model`, message: `unknown model ${JSON.stringify(feature.model)}; models: ${models.join(', ')}` });
      } else if (feature.model !== undefined) {
        problems.push({ path: `${at}.features[${i}].model`, message: 'only a model-output feature reads another model' });
      }
    });
    model.bugs.forEach((bug, i) => {
      if (!seen.has(bug.feature)) problems.push({ path: `${at}.bugs[${i}].feature`, message: `no feature named ${JSON.stringify(bug.feature)}; this model's features: ${[...seen].join(', ')}` });
      if (bug.until !== undefined && bug.until <= bug.from) problems.push({ path: `${at}.bugs[${i}].until`, message: `must be after from (${bug.from}), got ${bug.until}` });
    });
    const listings = modelAssets(config, model).map((sym) => config.market.assets[sym]?.listedAt ?? 0);
    const firstListing = Math.min(...listings);
    // The first training needs labelled ticks: some asset listed and `horizon` ticks of its outcome.
    if (listings.length > 0 && firstListing + model.horizon >= model.training.warmup) {
      problems.push({ path: `${at}.training.warmup`, message: `must end more than horizon (${model.horizon}) ticks after the model's first asset lists (tick ${firstListing}), got ${model.training.warmup}` });
    }
    if (model.training.warmup >= config.ticks) {
      problems.push({ path: `${at}.training.warmup`, message: `must be less than ticks (${config.ticks}), got ${model.training.warmup}` });
    }
  }
  problems.push(...checkMonitors(config));
  problems.push(...checkExpectSeeds(config));
  problems.push(...checkSignals(config));
  config.expect?.checks.forEach((check, i) => {
    if (check.ratioToBase && !check.variant) problems.push({ path: `expect.checks[${i}].ratioToBase`, message: 'needs a `variant` to compare with the base run' });
    if (check.atLeast === undefined && check.atMost === undefined && !check.ratioToBase) {
      problems.push({ path: `expect.checks[${i}]`, message: 'a check needs atLeast, atMost or ratioToBase' });
    }
  });
  if (typeof config.expect?.seeds === 'string') {
    const [a, b] = config.expect.seeds.split('..').map(Number);
    if (a! > b!) problems.push({ path: 'expect.seeds', message: `the range must go up, got ${config.expect.seeds}` });
  }
  return problems;
}

/** Monitor types and options, and rules that name existing monitors, models and features. */
function checkMonitors(config: ScenarioConfig): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const assets = Object.keys(config.market.assets);
  const models = Object.entries(config.models).filter(([, m]) => m.enabled).map(([n]) => n);
  const names = new Set<string>();
  config.monitors.forEach((m, i) => {
    const at = `monitors[${i}]`;
    if (names.has(m.name)) problems.push({ path: `${at}.name`, message: `two monitors are named ${JSON.stringify(m.name)}` });
    names.add(m.name);
    if (m.type === 'custom') {
      if (!m.module) problems.push({ path: `${at}.module`, message: 'missing; a custom monitor names the file that exports its factory' });
      return;
    }
    const builtin = BUILTIN_MONITORS[m.type];
    if (!builtin) {
      problems.push({ path: `${at}.type`, message: `unknown monitor type ${JSON.stringify(m.type)}; built-in: ${Object.keys(BUILTIN_MONITORS).join(', ')}, or custom` });
      return;
    }
    const parsed = builtin.options.safeParse(m.options);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        for (const p of issueToProblems(builtin.options, issue, m.options)) problems.push({ ...p, path: `${at}.options${p.path ? `.${p.path}` : ''}` });
      }
      return;
    }
    for (const [key, value] of Object.entries(parsed.data as Record<string, unknown>)) {
      if (['cause', 'effect', 'series'].includes(key)) {
        for (const spec of [value].flat() as string[]) {
          try {
            parseSeries(spec, assets, models);
          } catch (err) {
            if (err instanceof SeriesError) problems.push({ path: `${at}.options.${key}`, message: err.message });
          }
        }
      }
      if ((key === 'model' || key === 'models') && value !== undefined) {
        for (const name of [value].flat() as string[]) if (!models.includes(name)) problems.push({ path: `${at}.options.${key}`, message: `unknown or disabled model ${JSON.stringify(name)}; models: ${models.join(', ')}` });
      }
      if (key === 'asset' && typeof value === 'string' && !assets.includes(value)) problems.push({ path: `${at}.options.asset`, message: `unknown asset ${JSON.stringify(value)}; assets: ${assets.join(', ')}` });
    }
  });
  config.rules.forEach((r, i) => {
    const at = `rules[${i}]`;
    if (!names.has(r.when)) problems.push({ path: `${at}.when`, message: `no monitor named ${JSON.stringify(r.when)}; monitors: ${[...names].join(', ') || '(none)'}` });
    const model = config.models[r.model];
    if (!model || !model.enabled) problems.push({ path: `${at}.model`, message: `unknown or disabled model ${JSON.stringify(r.model)}; models: ${models.join(', ')}` });
    if (r.do === 'quarantine' || r.do === 'pin-version') {
      if (!r.feature) problems.push({ path: `${at}.feature`, message: `missing; ${r.do} names the feature it acts on` });
      else if (model && !model.features.some((f) => featureName(f) === r.feature)) problems.push({ path: `${at}.feature`, message: `model ${r.model} has no feature ${JSON.stringify(r.feature)}` });
    }
  });
  return problems;
}

/** A model's asset(s) exist; a multi-asset model's features read the scored asset, from the market. */
function checkModelAssets(model: ModelConfig, at: string, assets: string[]): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const assetList = assets.join(', ');
  if (model.assets === undefined) {
    if (!assets.includes(model.asset)) problems.push({ path: `${at}.asset`, message: `unknown asset ${JSON.stringify(model.asset)}; the market has: ${assetList}` });
    return problems;
  }
  if (Array.isArray(model.assets)) {
    model.assets.forEach((sym, i) => {
      if (!assets.includes(sym)) problems.push({ path: `${at}.assets[${i}]`, message: `unknown asset ${JSON.stringify(sym)}; the market has: ${assetList}` });
    });
  }
  model.features.forEach((feature, i) => {
    // One shared model scores every asset, so each feature must mean "this asset's ...".
    if (feature.asset !== undefined) problems.push({ path: `${at}.features[${i}].asset`, message: 'not allowed on a multi-asset model (`assets`): its features read the asset being scored' });
    if (feature.signal === 'model-output') problems.push({ path: `${at}.features[${i}].signal`, message: 'model-output is not supported on a multi-asset model (`assets`); allowed: price, return, momentum, volume, value-ratio' });
    if (feature.source !== undefined) problems.push({ path: `${at}.features[${i}].source`, message: 'declared sources are not supported on a multi-asset model (`assets`) yet; remove `source`' });
  });
  return problems;
}

/** Ticks of history a feature needs before it has a value (momentum: its window; return: its lag). */
function historyNeeded(feature: ModelConfig['features'][number]): number {
  if (feature.signal === 'momentum') return feature.window;
  if (feature.signal === 'return') return feature.lag;
  return 0;
}

/**
 * Models that can never train in a run of `ticks` ticks: a feature needs more history than
 * the run has before a target (`horizon` ticks later) exists, so no labelled row ever
 * forms and the model would trade on its initial weights. Returned as warnings, since
 * `--ticks` can make a scenario's own numbers fit or not.
 */
export function untrainedModelWarnings(config: ScenarioConfig, ticks: number): string[] {
  const warnings: string[] = [];
  for (const [name, model] of Object.entries(config.models)) {
    // A run that ends before warm-up never trains anyway: that is not the window's doing.
    if (!model.enabled || ticks <= model.training.warmup) continue;
    model.features.forEach((feature, i) => {
      const needed = historyNeeded(feature);
      if (needed === 0 || needed + model.horizon < ticks) return;
      const field = feature.signal === 'momentum' ? 'window' : 'lag';
      warnings.push(
        `models.${name}.features[${i}].${field} is ${needed} ticks, but the run has ${ticks} ticks and the target looks ${model.horizon} ahead: no tick has both, so model ${name} never trains and trades on its initial weights; use a ${field} below ${Math.max(1, ticks - model.horizon)} or run longer`,
      );
    });
  }
  return warnings;
}

/** Most seeds `expect:` may list: they run as worlds of one batched simulation. */
export const MAX_EXPECT_SEEDS = 10_000;

/** A range of expect.seeds is checked before any list of seeds is built from it. */
function checkExpectSeeds(config: ScenarioConfig): ScenarioProblem[] {
  const seeds = config.expect?.seeds;
  if (typeof seeds !== 'string') return [];
  const [first, last] = seeds.split('..').map(Number) as [number, number];
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last)) return [{ path: 'expect.seeds', message: `${seeds}: seeds must be whole numbers up to ${Number.MAX_SAFE_INTEGER}` }];
  if (last < first) return [{ path: 'expect.seeds', message: `${seeds}: the last seed ${last} is below the first ${first}; write ${last}..${first}` }];
  if (last - first + 1 > MAX_EXPECT_SEEDS) return [{ path: 'expect.seeds', message: `${seeds} is ${last - first + 1} seeds, more than ${MAX_EXPECT_SEEDS} (they run as worlds of one simulation); use \`tulip sweep\` for more` }];
  return [];
}
