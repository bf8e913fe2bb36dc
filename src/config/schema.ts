/**
 * The scenario schema: every field a scenario file may hold, with its default and unit.
 *
 * This file is the single source of truth for scenario fields: the loader validates
 * against it, `npm run schema` turns it into JSON Schema for editors, and docs point here.
 * Objects are strict, so a misspelt field is an error rather than a silently ignored one.
 */
import { z } from 'zod';

const tick = z.number().int().min(0);
const probability = z.number().min(0).max(1);

export const SYMBOL_PATTERN = /^[A-Z][A-Z0-9]{0,7}$/;
export const MODEL_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,15}$/;

const symbol = z.string().regex(SYMBOL_PATTERN, 'an asset symbol: 1-8 capital letters or digits, starting with a letter');

export const RegimeShift = z
  .strictObject({
    tick: tick.describe('Tick at which the long-run fundamental level changes.'),
    level: z.number().positive().describe('New long-run fundamental level, as a multiple of the initial price.'),
  })
  .describe('A scheduled change of the fundamental value’s long-run level.');

/** The market styles: how news about value arrives (see docs/market.md). */
export const MARKET_STYLES = ['garch', 'gaussian'] as const;

export const Garch = z
  .strictObject({
    alpha: z.number().min(0).max(1).default(0.03).describe('ARCH weight α: share of the last squared shock carried into the next tick’s variance (no unit; Bollerslev 1986).'),
    beta: z.number().min(0).max(1).default(0.9).describe('GARCH weight β: share of the last variance carried into the next (no unit). α + β + leverage/2 < 1 is the persistence of volatility: near 1, calm and turbulent spells last long.'),
    leverage: z.number().min(0).max(1).default(0.08).describe('Extra weight γ of a negative shock (GJR-GARCH, Glosten, Jagannathan and Runkle 1993): falls raise later volatility more than rises (the leverage effect).'),
    tailDof: z.number().gt(2).max(1000).default(4).describe('Degrees of freedom ν of the Student-t shocks (scaled to unit variance; Bollerslev 1987): smaller, heavier tails; 1000 is nearly Gaussian.'),
  })
  .refine((g) => g.alpha + g.beta + g.leverage / 2 < 1, { message: 'alpha + beta + leverage/2 must be below 1 (otherwise the variance has no long-run level)' })
  .describe('Volatility of value’s news in the garch market style: a GJR-GARCH(1,1) variance with Student-t shocks, whose long-run level is `volatility`².');

export const Fundamental = z
  .strictObject({
    meanReversion: z.number().min(0).max(1).default(0.01).describe('Pull of log value toward its long-run level, per tick (0 = random walk).'),
    volatility: z
      .number()
      .min(0)
      .max(0.2)
      .optional()
      .describe('Standard deviation of the news in log value per tick (log units); in the garch style, its long-run (unconditional) level. Default by `market.style`: 0.01 (garch), 0.004 (gaussian).'),
    garch: Garch.prefault({}),
    replay: z
      .strictObject({
        file: z.string().min(1).describe('A CSV file with a header row, one row per tick (row 1 is tick 0); a path relative to the scenario file. Other columns (a date, say) are ignored.'),
        column: z.string().min(1).describe('The header of the column that holds the value (currency units, positive).'),
      })
      .optional()
      .describe('Drive the value from a file instead of the news process: value after tick t = row t (the price starts at row 0’s value; initialPrice, garch news, jumps and regime shifts are not used). The file’s SHA-256 goes into the trace header, so a replayed run checks it.'),
    jumpRate: probability.default(0).describe('Probability of a jump in value per tick.'),
    jumpSize: z.number().min(0).max(1).default(0.05).describe('Standard deviation of a jump (log units).'),
    regimeShifts: z.array(RegimeShift).default([]).describe('Scheduled changes of the long-run level.'),
  })
  .describe('The fundamental value: a mean-reverting log process with optional jumps and regime shifts.');

export const Asset = z
  .strictObject({
    initialPrice: z.number().positive().default(100).describe('Price and fundamental value at tick 0 (currency units).'),
    estimateNoise: z.number().min(0).max(1).optional().describe('Standard deviation of the log error of the published fundamental estimate. Default by `market.style`: 0.005 (garch, where the error persists), 0.01 (gaussian, a fresh error every tick).'),
    estimatePersistence: z.number().min(0).max(0.9999).default(0.95).describe('garch style: AR(1) coefficient of the estimate’s log error, tick to tick (published estimates are revised slowly; 0 = a fresh error every tick, as in the gaussian style). Its stationary standard deviation is `estimateNoise`.'),
    fundamental: Fundamental.prefault({}),
    listedAt: tick.default(0).describe('Tick at which the asset lists (before it, nobody trades it and its price is its value); a later tick makes it a new listing.'),
    ipoMispricing: z.number().min(0).max(1).default(0.1).describe('For a listing after tick 0: standard deviation of log(price/value) on its first day (one draw from stream listing/<SYM>).'),
    activity: z.number().min(0).default(1).describe('How busy the asset is: multiplies its noise traders’ volatility (1 = the market default).'),
  })
  .describe('A traded asset.');

export const NoiseTraders = z
  .strictObject({
    volatility: z.number().min(0).optional().describe('Standard deviation of the change of their target position per tick (shares). Default by `market.style`: 5 (garch: news, not noise, moves prices most, as in real markets), 10 (gaussian).'),
    persistence: z.number().min(0).max(0.9999).default(0.95).describe('AR(1) coefficient of their target position: near 1, slow swings; 0, white noise.'),
    clustering: z.number().min(0).max(2).default(1).describe('garch style: their trading scales with (σ_t/σ̄)^clustering, σ_t the asset’s news volatility and σ̄ its long-run level (0 = steady; 1 = in proportion).'),
  })
  .describe('Uninformed traders whose positions wander randomly; one group per asset.');

export const Fundamentalists = z
  .strictObject({
    sensitivity: z.number().min(0).default(1000).describe('Target position per unit of log mispricing log(V/P) (shares).'),
    maxPosition: z.number().min(0).default(150).describe('Largest position they will hold either way (shares): the limit to arbitrage.'),
    tradeRate: z.number().min(0).max(1).default(0.2).describe('Share of the gap to their target position traded per tick.'),
  })
  .describe('Value traders who lean against mispricing, within a position limit.');

export const MomentumTraders = z
  .strictObject({
    enabled: z.boolean().default(false).describe('Whether momentum traders take part.'),
    window: z.number().int().min(1).max(500).default(10).describe('Look-back of the trend they follow (ticks).'),
    sensitivity: z.number().min(0).default(2000).describe('Target position per unit of log return over the window (shares).'),
    maxPosition: z.number().min(0).default(50).describe('Largest position either way (shares).'),
    tradeRate: z.number().min(0).max(1).default(0.2).describe('Share of the gap to their target traded per tick.'),
  })
  .describe('Trend followers (off by default).');

export const Traders = z
  .strictObject({
    noise: NoiseTraders.prefault({}),
    fundamentalists: Fundamentalists.prefault({}),
    momentum: MomentumTraders.prefault({}),
  })
  .describe('Background traders, one group of each kind per asset.');

export const Universe = z
  .strictObject({
    count: z.number().int().min(1).max(500).describe('How many assets the universe adds (symbols prefix + 001, 002, ...).'),
    prefix: z.string().regex(/^[A-Z]{1,4}$/, '1-4 capital letters').default('U').describe('Symbol prefix.'),
    initialPrice: z.number().positive().default(50).describe('Price and value of each at tick 0 (currency units).'),
    tail: z.number().min(0).max(3).default(1).describe('Heavy tail of activity: the asset ranked r (1 = busiest) has activity r^-tail x `busiest` (0 = all alike).'),
    busiest: z.number().min(0).default(2).describe('Activity of the busiest asset (multiplies noise traders’ volatility).'),
    listed: z.number().int().min(0).optional().describe('How many are listed at tick 0 (default: all); the rest list one by one from `listingFrom`, every `listingEvery` ticks.'),
    listingFrom: tick.default(200).describe('Tick of the first new listing.'),
    listingEvery: z.number().int().min(1).default(20).describe('Ticks between new listings.'),
    ipoMispricing: z.number().min(0).max(1).default(0.1).describe('Standard deviation of log(price/value) of a new listing on its first day.'),
    fundamental: Fundamental.prefault({}),
  })
  .describe('A generated universe of many assets with a long tail of activity and new listings over time; added after `assets`.');

export const Divergence = z
  .strictObject({
    maxLogDeviation: z
      .number()
      .gt(0)
      .max(700)
      .default(5)
      .describe('A world has diverged when |log(price / value)| of an asset passes this (natural log; 5: the price is 148 times its value, or 1/148 of it). Price, value, cash or a model output that is not a finite number diverges too.'),
    maxLossRatio: z
      .number()
      .gt(1)
      .default(1000)
      .describe('A world has diverged when a model’s training loss passes this multiple of its loss after warm-up training (a ratio, no unit).'),
  })
  .describe('When a world counts as diverged: it gets a critical `numerical` alert naming what and when, all its models are halted, and the summary marks it `diverged: {tick, reason}`.');

export const Market = z
  .strictObject({
    style: z
      .enum(MARKET_STYLES)
      .default('garch')
      .describe('How news about value arrives. garch (default): volatility clusters and tails are heavy, as in real markets (each asset’s `fundamental.garch`; noise traders trade more when volatility is high). gaussian: constant-volatility Gaussian news and steady noise trading (tulip before 0.2; simpler to read, but no real market looks like it).'),
    impact: z.number().min(0).max(0.1).default(0.0005).describe('Change of log price per share of net order flow (0 = orders cannot move prices).'),
    assets: z
      .record(symbol, Asset)
      .default({ X: Asset.parse({}) })
      .describe('Assets by symbol (may be empty when `universe` adds assets).'),
    traders: Traders.prefault({}),
    universe: Universe.optional(),
    divergence: Divergence.prefault({}),
  })
  .describe('The synthetic market.');

export const SOURCE_NAME_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
export const MISSING_POLICIES = ['hold-last', 'zero', 'training-mean', 'skip-trading'] as const;

export const Pin = z
  .strictObject({
    version: z.number().int().min(1).default(1).describe('The version pinned (1 = the source as it is at tick 0; each scheduled change adds one).'),
    upgrade: z.enum(['auto', 'manual']).default('auto').describe('auto: upgrade once the shadow (newest) version passes validation against the pinned one; manual: upgrade at tick `at`.'),
    at: tick.optional().describe('For manual: the tick of the upgrade to the newest version (absent: never).'),
    window: z.number().int().min(5).max(500).default(30).describe('For auto: ticks of shadow data compared with the pinned data before deciding.'),
    threshold: z.number().min(0).max(1).default(0.5).describe('For auto: upgrade when the two-sample Kolmogorov–Smirnov distance between shadow and pinned values is below this.'),
  })
  .describe('A consumer’s pin on an upstream version, and how it upgrades.');

export const Outage = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('random'),
      probability: probability.describe('Chance per tick that a working source goes down (one draw per tick from stream signals/<name>/outage/<i>).'),
      duration: z.number().int().min(1).default(10).describe('Ticks each random outage lasts.'),
    }),
    z.strictObject({
      type: z.literal('calendar'),
      every: z.number().int().min(1).describe('Period of the recurring window (ticks), e.g. 360 for a year.'),
      length: z.number().int().min(1).describe('Ticks the source is down in each period, e.g. 30 for August.'),
      from: tick.default(0).describe('First tick of the first window; windows are [from + k x every, from + k x every + length).'),
    }),
    z.strictObject({
      type: z.literal('load'),
      capacity: z.number().positive().default(2).describe('Load the source serves safely (load units: one per consumer feature, plus perShare x shares traded in its asset last tick).'),
      perShare: z.number().min(0).default(0.01).describe('Load added per share traded in the source’s asset last tick (market activity).'),
      crashRate: z.number().min(0).default(0.2).describe('Crash chance per tick = crashRate x (load / capacity - 1) above capacity, capped at 1 (one draw per tick from stream signals/<name>/load/<i>).'),
      recovery: z.number().int().min(1).default(20).describe('Ticks a crashed source takes to recover.'),
    }),
  ])
  .describe('A way the source goes down: random, calendar (a recurring holiday) or load-induced (overload).');

export const UPSTREAM_CHANGES = ['scale', 'offset', 'sign', 'lag', 'definition'] as const;

export const UpstreamChange = z
  .strictObject({
    tick: tick.describe('Tick from which the upstream serves the new version.'),
    type: z.enum(UPSTREAM_CHANGES).describe('scale: values x factor (units); offset: values + offset; sign: values negated; lag: values served `ticks` late; definition: recomputed with a new momentum `window` or return `lag`.'),
    factor: z.number().default(100).describe('For scale: the multiplier (100 = dollars now sent as cents).'),
    offset: z.number().default(0).describe('For offset: added to every value.'),
    ticks: z.number().int().min(1).max(100).default(1).describe('For lag: how many ticks late values arrive.'),
    window: z.number().int().min(2).max(100).optional().describe('For definition: the new momentum window (ticks).'),
    lag: z.number().int().min(1).max(100).optional().describe('For definition: the new return lag (ticks).'),
    announced: z.boolean().default(false).describe('true: consumers get an info alert at the change tick; false: a silent change.'),
  })
  .describe('A scheduled change of how the upstream computes the signal: a new version.');

export const SignalSource = z
  .strictObject({
    owner: z.string().min(1).default('market-data').describe('The upstream system or team that owns the source.'),
    cost: z.number().min(0).default(0).describe('Upkeep per consumer feature per tick (currency units).'),
    outages: z.array(Outage).default([]).describe('Ways the source goes down (none: always up).'),
    changes: z.array(UpstreamChange).default([]).describe('Scheduled upstream changes (new versions), in tick order.'),
    deprecation: z.number().int().min(1).default(100).describe('Ticks after a change during which pinned consumers are still served their old version.'),
  })
  .describe('An upstream data source that features read: who owns it, what it costs, how it fails and how it changes.');

export const SIGNAL_KINDS = ['price', 'return', 'momentum', 'volume', 'value-ratio', 'model-output'] as const;

export const Feature = z
  .strictObject({
    signal: z.enum(SIGNAL_KINDS).describe(
      'price: log price; return: log return over `lag`; momentum: log price minus its mean over `window`; volume: shares traded last tick; value-ratio: published fundamental estimate / price; model-output: another model’s last published prediction.',
    ),
    name: z.string().min(1).optional().describe('Name used by bugs and reports (default: the signal kind).'),
    asset: symbol.optional().describe('Asset the signal is about (default: the model’s asset).'),
    lag: z.number().int().min(1).max(500).default(1).describe('For `return`: ticks of the return.'),
    window: z.number().int().min(2).max(500).default(10).describe('For `momentum`: ticks of the moving average.'),
    model: z.string().regex(MODEL_NAME_PATTERN).optional().describe('For `model-output`: the model whose prediction is read.'),
    source: z.string().regex(SOURCE_NAME_PATTERN, 'a source name: lower-case letters, digits and -').optional().describe('The upstream source (a key of the scenario’s `signals:`) that serves this feature, with its owner, cost, outages and versions (default: an always-up market-data feed, cost 0).'),
    missing: z.enum(MISSING_POLICIES).default('hold-last').describe('What the model does when the source is down: hold-last: reuse the last value received; zero: a raw 0; training-mean: the warm-up mean (hold-last before the warm-up ends); skip-trading: hold-last in the data, and place no order that tick.'),
    pin: Pin.optional().describe('Pin an upstream version: keep being served it through the deprecation window of a later change (absent: always served the newest version).'),
  })
  .describe('One input feature of a model, observed from a signal.');

export const Architecture = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('linear') }),
    z.strictObject({
      type: z.literal('mlp'),
      hidden: z.number().int().min(1).max(256).default(8).describe('Hidden units (tanh).'),
    }),
  ])
  .describe('Model architecture: linear regression or a one-hidden-layer MLP.');

export const Training = z
  .strictObject({
    mode: z.enum(['static', 'dynamic']).default('dynamic').describe('static: trained once on the warm-up history, then frozen; dynamic: retrained on a cadence on recent data.'),
    warmup: z.number().int().min(10).default(150).describe('Ticks of history observed before the model trades; the first training uses them (ticks).'),
    warmupEpochs: z.number().int().min(1).max(5000).default(300).describe('Full-batch optimiser steps of the first training.'),
    every: z.number().int().min(1).default(10).describe('Dynamic: retrain every this many ticks.'),
    window: z.number().int().min(5).default(100).describe('Dynamic: train on the last this many labelled ticks.'),
    epochs: z.number().int().min(1).max(1000).default(20).describe('Dynamic: full-batch optimiser steps per retraining.'),
    lr: z.number().positive().max(10).default(0.05).describe('Learning rate.'),
    optimizer: z.enum(['adam', 'sgd']).default('adam').describe('Optimiser (its state is part of snapshots).'),
    syncEvery: z.number().int().min(0).default(0).describe('Dynamic: serve the newest trained version only every this many ticks, so serving lags training (0: serve each version at once).'),
    gate: z
      .strictObject({
        holdout: z.number().int().min(3).default(20).describe('The most recent labelled ticks held out of training and used to judge the candidate.'),
        margin: z.number().min(0).default(0.1).describe('A candidate is served only if its holdout error is at most (1 + margin) x the current version’s.'),
      })
      .nullish()
      .describe('Dynamic: incremental validation gate (null or absent: off); rejected candidates are logged and the current version keeps serving.'),
  })
  .describe('Training regime.');

export const Policy = z
  .strictObject({
    gain: z.number().min(0).default(100).describe('Target position per unit of standardized prediction (shares).'),
    maxPosition: z.number().min(0).default(200).describe('Largest position either way (shares).'),
    tradeRate: z.number().min(0).max(1).default(0.1).describe('Share of the gap to the target position traded per tick.'),
  })
  .describe('How predictions become orders: target = clip(gain x prediction, ±maxPosition), approached at tradeRate.');

export const Bug = z
  .strictObject({
    type: z.enum(['scale', 'sign-flip', 'stale']).describe('scale: a units error multiplying the raw feature by `factor`; sign-flip: the feature negated; stale: the feature frozen at its value when the bug starts.'),
    feature: z.string().min(1).describe('Name of the affected feature.'),
    factor: z.number().default(100).describe('For `scale`: the multiplier (100 = dollars read as cents).'),
    from: tick.default(0).describe('First tick with the bug (tick).'),
    until: tick.optional().describe('First tick without the bug again (default: never fixed).'),
  })
  .describe('A bug injected into a model’s feature pipeline.');

export const Inference = z
  .strictObject({
    mode: z.enum(['online', 'offline']).default('online').describe('online: a prediction on request each tick, within the serving budget; offline: a batch job fills a lookup table every `refresh` ticks, served `latency` ticks later.'),
    refresh: z.number().int().min(1).default(50).describe('Offline: ticks between batch jobs (the first runs when the warm-up ends).'),
    latency: z.number().int().min(0).default(5).describe('Offline: ticks from a batch job’s start until its table is served.'),
    fallback: z.enum(['no-trade', 'default']).default('no-trade').describe('What a trader does without a prediction (an asset not in the table, or a request that timed out): no-trade: keep its position; default: act on `default`.'),
    default: z.number().default(0).describe('For fallback default: the prediction used (standard units).'),
    verify: z
      .strictObject({
        maxAbs: z.number().positive().default(4).describe('Every entry must be finite and within ±maxAbs (standard units).'),
        maxShift: z.number().positive().default(1).describe('The new table’s mean prediction may move at most this far from the served table’s (standard units; not checked for the first table).'),
      })
      .nullish()
      .describe('Offline: checks on a new table before it is pushed (null or absent: push unchecked); a failing table is rejected and the old one kept.'),
    capacity: z.number().positive().nullish().describe('Online: compute units the serving fleet has per tick (null or absent: unlimited); requests past it time out.'),
    costPerParameter: z.number().positive().default(1).describe('Compute units one prediction costs per model parameter (a bigger model costs more).'),
  })
  .describe('How predictions are served: offline (batch lookup table) or online (on request, within a compute budget).');

export const Model = z
  .strictObject({
    enabled: z.boolean().default(true).describe('false removes the model (and its trading) from the run.'),
    asset: symbol.default('X').describe('The asset the model predicts and trades.'),
    assets: z
      .union([z.literal('all'), z.array(symbol).min(1)])
      .optional()
      .describe('Score and trade many assets with one shared model (instead of `asset`): `all` or a list; features then read the asset being scored, and monitors see the first.'),
    inference: Inference.prefault({}),
    features: z.array(Feature).min(1).describe('Input features, in order.'),
    architecture: Architecture.prefault({ type: 'linear' }),
    featureClip: z.number().positive().default(5).describe('Standardized features are clipped to ±this (standard deviations).'),
    horizon: z.number().int().min(1).max(200).default(5).describe('Target: the asset’s forward log return over this many ticks.'),
    training: Training.prefault({}),
    policy: Policy.prefault({}),
    bugs: z.array(Bug).default([]).describe('Injected bugs.'),
  })
  .describe('An ML model that trades: features -> prediction -> target position -> orders.');

export const Seeds = z
  .union([
    z.string().regex(/^\d+\.\.\d+$/, 'a range such as "1..20"'),
    z.array(z.number().int().min(0)).min(1),
  ])
  .describe('Seeds as a range "A..B" (inclusive) or a list.');

export const MONITOR_NAME_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

export const MonitorSpec = z
  .strictObject({
    name: z.string().regex(MONITOR_NAME_PATTERN, 'a monitor name: lower-case letters, digits and -').describe('Unique name, used by rules and alerts.'),
    type: z.string().min(1).describe('A built-in monitor (see `tulip monitors`) or `custom`.'),
    module: z.string().optional().describe('For `custom`: a .ts/.js file (relative to the scenario) whose default export is a MonitorFactory.'),
    severity: z.enum(['info', 'warning', 'critical']).default('warning').describe('Severity of its alerts.'),
    warmup: tick.default(0).describe('No alarm before this tick.'),
    debounce: z.number().int().min(1).optional().describe('Ticks in a row the statistic must be past its threshold before an alarm (default 3; 1 for the change detectors page-hinkley, adwin, cusum, ks, psi).'),
    cooldown: z.number().int().min(0).optional().describe('Ticks after an alarm during which no new alarm is raised (default 50; 0 for the change detectors).'),
    resetAfterAlarm: z.boolean().optional().describe('Whether the monitor restarts (forgets its state) after an alarm (default false; true for the change detectors, as in the literature).'),
    options: z.record(z.string(), z.unknown()).default({}).describe('Options of the monitor type (each type documents its own, with defaults).'),
  })
  .describe('A monitor watching every world.');

export const ACTIONS = ['rollback', 'halt', 'freeze-training', 'quarantine', 'pin-version'] as const;

export const Rule = z
  .strictObject({
    when: z.string().regex(MONITOR_NAME_PATTERN).describe('The monitor whose alerts trigger the action.'),
    do: z.enum(ACTIONS).describe('rollback: serve the model’s previous version; halt: flatten and stop trading; freeze-training: switch to static; quarantine: serve and train a feature as its training mean; pin-version: serve a feature from the upstream version before the current one (or `version`).'),
    model: z.string().regex(MODEL_NAME_PATTERN).describe('The model acted on.'),
    feature: z.string().optional().describe('For quarantine and pin-version: the feature.'),
    version: z.number().int().min(1).optional().describe('For pin-version: the upstream version to serve (default: the one before the version served when the rule fires).'),
    once: z.boolean().default(true).describe('Act on the first alert in each world only.'),
  })
  .describe('An action taken at the start of the tick after an alert.');

export const CHECK_STATS = ['median', 'mean', 'min', 'max'] as const;

const Bounds = z.strictObject({
  atLeast: z.number().optional().describe('The value must be ≥ this.'),
  atMost: z.number().optional().describe('The value must be ≤ this.'),
});

export const Check = z
  .strictObject({
    name: z.string().min(1).describe('What the check shows, in words.'),
    metric: z.string().min(1).describe('A per-world summary field, e.g. `assets.X.peakDeviation` or `models.A.pnl`.'),
    stat: z.enum(CHECK_STATS).default('median').describe('How the per-seed values are combined.'),
    seeds: Seeds.optional().describe('Combine only these seeds’ values, e.g. [1] for the seed a workshop shows (default: expect.seeds); they run as extra worlds of the same runs when not among expect.seeds.'),
    atLeast: z.number().optional().describe('The statistic must be ≥ this.'),
    atMost: z.number().optional().describe('The statistic must be ≤ this.'),
    variant: z
      .record(z.string().regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'a field path such as models.B.training.mode'), z.unknown())
      .optional()
      .describe('Overrides (path: value, as with --set) for a variant run over the same seeds; the check then reads the variant.'),
    ratioToBase: Bounds.optional().describe('With `variant`: bounds on variant statistic / base statistic.'),
  })
  .describe('One expectation about a scenario, checked by `tulip check`.');

export const Expect = z
  .strictObject({
    seeds: Seeds.default('1..20'),
    ticks: z.number().int().min(1).optional().describe('Ticks per run for the checks (default: the scenario’s ticks).'),
    checks: z.array(Check).min(1),
    allowDivergence: z
      .boolean()
      .default(false)
      .describe('Whether worlds that diverge (market.divergence) are part of the lesson: by default a diverged world fails the checks; a lesson that shows a market running away sets this to true.'),
  })
  .describe('Checks that `tulip check` evaluates over seeds.');

export const Scenario = z
  .strictObject({
    title: z.string().min(1).describe('Short title, shown in listings.'),
    lesson: z.string().min(1).describe('A few sentences an instructor can read aloud.'),
    ticks: z.number().int().min(1).max(1_000_000).default(600).describe('Length of a run (ticks).'),
    seed: z.number().int().min(0).default(1).describe('Default seed; world k of a run has seed + k.'),
    bank: z
      .enum(['tfjs', 'f64'])
      .default('tfjs')
      .describe('What computes the models: tfjs (batched tensors on the chosen backend) or f64 (plain Float64Array loops, fastest for few worlds). Part of the trace header: the hashes differ.'),
    market: Market.prefault({}),
    models: z.record(z.string().regex(MODEL_NAME_PATTERN, 'a model name: a letter, then up to 15 letters, digits, _ or -'), Model).default({}).describe('Models by name.'),
    monitors: z.array(MonitorSpec).default([]).describe('Monitors watching every world.'),
    rules: z.array(Rule).default([]).describe('Alerts -> actions.'),
    signals: z.record(z.string().regex(SOURCE_NAME_PATTERN, 'a source name: lower-case letters, digits and -'), SignalSource).default({}).describe('Upstream data sources by name, read by features through `source:`.'),
    expect: Expect.optional(),
    truth: z
      .strictObject({
        loop: z.boolean().describe('Whether runs of this scenario hold a feedback loop that a loop monitor should detect (false: every alarm is a false alarm).'),
        onset: tick.optional().describe('The loop’s onset, the same tick in every world (absent: found per world by counterfactual replay, see `intervene`).'),
        intervene: z
          .record(z.string().regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'a field path such as models.A.bugs'), z.unknown())
          .optional()
          .describe('Overrides (path: value, as with --set) of a counterfactual run without the loop’s cause; the onset is the first tick where |factual − counterfactual| of `series` exceeds `epsilon` for `consecutive` ticks in a row.'),
        series: z.string().default('price:X').describe('Influence series for the onset: price:<asset> (currency units), position:<model> (shares) or pnl:<model> (currency units).'),
        epsilon: z.number().positive().default(1).describe('Onset threshold ε on |influence|, in the series’ units.'),
        consecutive: z.number().int().min(1).default(5).describe('Ticks m in a row |influence| must exceed ε.'),
        before: tick.default(0).describe('Acceptance window: an alarm up to this many ticks before the onset counts as a detection.'),
        after: z.number().int().min(1).default(150).describe('Acceptance window: an alarm up to this many ticks after the onset counts as a detection; a later one is a false alarm and the loop is missed.'),
      })
      .refine((t) => !t.loop || t.onset !== undefined || t.intervene !== undefined, 'a loop needs its onset: give `onset` (a tick) or `intervene` (overrides of a counterfactual run)')
      .optional()
      .describe('Ground truth for monitor evaluation (`tulip eval`, docs/monitor-evaluation.md): whether runs hold a loop, and when it starts.'),
  })
  .describe('A tulip scenario.');

export type ScenarioInput = z.input<typeof Scenario>;
export type ScenarioConfig = z.output<typeof Scenario>;
export type AssetConfig = z.output<typeof Asset>;
export type ModelConfig = z.output<typeof Model>;
export type FeatureConfig = z.output<typeof Feature>;
export type BugConfig = z.output<typeof Bug>;
export type MonitorConfig = z.output<typeof MonitorSpec>;
export type RuleConfig = z.output<typeof Rule>;
export type CheckConfig = z.output<typeof Check>;
export type ExpectConfig = z.output<typeof Expect>;
export type SignalSourceConfig = z.output<typeof SignalSource>;
export type OutageConfig = z.output<typeof Outage>;
export type UpstreamChangeConfig = z.output<typeof UpstreamChange>;
export type MissingPolicy = (typeof MISSING_POLICIES)[number];
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** The JSON Schema of scenario files, for editor completion (`npm run schema`). */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(Scenario, { io: 'input', target: 'draft-2020-12' });
}
