/**
 * Checks that need more than one field: names that must refer to something that exists.
 */
import type { ScenarioConfig } from './schema.ts';
import type { ScenarioProblem } from './errors.ts';

export function featureName(feature: { name?: string | undefined; signal: string }): string {
  return feature.name ?? feature.signal;
}

export function crossCheck(config: ScenarioConfig): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const assets = Object.keys(config.market.assets);
  const models = Object.keys(config.models);
  const assetList = assets.join(', ');

  for (const [name, model] of Object.entries(config.models)) {
    const at = `models.${name}`;
    if (!assets.includes(model.asset)) problems.push({ path: `${at}.asset`, message: `unknown asset ${JSON.stringify(model.asset)}; the market has: ${assetList}` });
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
    if (model.training.warmup >= config.ticks) {
      problems.push({ path: `${at}.training.warmup`, message: `must be less than ticks (${config.ticks}), got ${model.training.warmup}` });
    }
  }
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
