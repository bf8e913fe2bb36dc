/**
 * Divergence is an event. A world whose numbers run away (a price, value or cash that is
 * no longer a finite number, a model output that is not finite, |log P/V| past the
 * scenario's bound, a training loss far beyond its warm-up loss) is not left to fill the
 * summary with NaN and null: it gets one critical `numerical` alert naming what and when,
 * all its models are halted (they stop trading and flatten), and the summary marks it
 * `diverged: {tick, reason}`.
 *
 * `findDivergence` is the pure check over the world-major typed arrays; the watch in
 * src/setup/divergence.ts keeps what the check needs between ticks (warm-up losses, who
 * has diverged), runs it as a phase after the models learn, and turns a finding into the alert.
 */

/** Reason codes, in the order they are looked for; the code is the index + 1 (0: none). */
export const DIVERGENCE_REASONS = ['price', 'value', 'cash', 'prediction', 'deviation', 'loss'] as const;
export type DivergenceReason = (typeof DIVERGENCE_REASONS)[number];

export interface DivergenceBounds {
  /** Largest |log(price / value)| allowed (natural log). */
  maxLogDeviation: number;
  /** Largest training loss allowed, as a multiple of the loss after warm-up training. */
  maxLossRatio: number;
}

/** The numbers of all worlds, world-major: asset a of world w is [w * assets + a]. */
export interface DivergenceInput {
  worlds: number;
  assets: number;
  logClose: Float64Array;
  logValue: Float64Array;
  agents: number;
  cash: Float64Array;
  /** Per model: its prediction per world. */
  predictions: Float64Array[];
  /** Per model: its last training loss per world, and its loss after warm-up (0 or NaN: none yet). */
  losses: Float64Array[];
  warmupLosses: Float64Array[];
}

/** What a world's check found: the reason code (0: none) and which asset, agent or model. */
export interface DivergenceFinding {
  reason: Uint8Array;
  which: Int32Array;
}

const code = (reason: DivergenceReason): number => DIVERGENCE_REASONS.indexOf(reason) + 1;

/** The first divergence of world w, or 0; `which` is set to the asset, agent or model index. */
function checkWorld(input: DivergenceInput, bounds: DivergenceBounds, w: number, found: DivergenceFinding): number {
  const { assets, agents } = input;
  for (let a = 0; a < assets; a++) {
    const i = w * assets + a;
    found.which[w] = a;
    // exp(logClose) overflows to Infinity (or underflows to 0) long before logClose does.
    const logClose = input.logClose[i]!;
    if (!Number.isFinite(logClose) || Math.abs(logClose) > 700) return code('price');
    if (!Number.isFinite(input.logValue[i]!)) return code('value');
  }
  for (let g = 0; g < agents; g++) {
    found.which[w] = g;
    if (!Number.isFinite(input.cash[w * agents + g]!)) return code('cash');
  }
  for (let m = 0; m < input.predictions.length; m++) {
    found.which[w] = m;
    if (!Number.isFinite(input.predictions[m]![w]!) && !Number.isNaN(input.predictions[m]![w]!)) return code('prediction');
  }
  for (let a = 0; a < assets; a++) {
    const i = w * assets + a;
    found.which[w] = a;
    if (Math.abs(input.logClose[i]! - input.logValue[i]!) > bounds.maxLogDeviation) return code('deviation');
  }
  for (let m = 0; m < input.losses.length; m++) {
    found.which[w] = m;
    const base = input.warmupLosses[m]![w]!;
    const loss = input.losses[m]![w]!;
    if (base > 0 && Number.isFinite(base) && loss > base * bounds.maxLossRatio) return code('loss');
  }
  return 0;
}

/**
 * Checks every world not already marked in `skip` (1: diverged before); writes each
 * world's reason code into `found.reason` (0: none) and returns how many diverged now.
 */
export function findDivergence(input: DivergenceInput, bounds: DivergenceBounds, found: DivergenceFinding, skip?: Uint8Array): number {
  const suspect = markSuspects(input, bounds);
  let count = 0;
  for (let w = 0; w < input.worlds; w++) {
    found.reason[w] = skip?.[w] || !suspect[w] ? 0 : checkWorld(input, bounds, w, found);
    if (found.reason[w]) count++;
  }
  return count;
}

/**
 * Marks (1) every world that any check of checkWorld could find diverged; the others
 * certainly pass. A loop over each array for all worlds, so the usual tick, where
 * nothing runs away, costs a few comparisons per number; checkWorld then looks only at
 * the marked worlds, in its own order, to name the reason. Each test here is true
 * whenever the matching check is (NaN included, as `!(x <= bound)`).
 */
function markSuspects(input: DivergenceInput, bounds: DivergenceBounds): Uint8Array {
  const { worlds: W, assets: A, agents: G } = input;
  const suspect = (suspects.length >= W ? suspects : (suspects = new Uint8Array(W))).fill(0, 0, W);
  for (let w = 0; w < W; w++) {
    for (let i = w * A; i < (w + 1) * A; i++) {
      const logClose = input.logClose[i]!;
      const logValue = input.logValue[i]!;
      if (!(Math.abs(logClose) <= 700) || !(Math.abs(logValue) < Infinity) || !(Math.abs(logClose - logValue) <= bounds.maxLogDeviation)) suspect[w] = 1;
    }
    for (let i = w * G; i < (w + 1) * G; i++) if (!(Math.abs(input.cash[i]!) < Infinity)) suspect[w] = 1;
  }
  for (const p of input.predictions) for (let w = 0; w < W; w++) if (Math.abs(p[w]!) === Infinity) suspect[w] = 1;
  for (let m = 0; m < input.losses.length; m++) {
    const loss = input.losses[m]!;
    const base = input.warmupLosses[m]!;
    for (let w = 0; w < W; w++) if (loss[w]! > base[w]! * bounds.maxLossRatio) suspect[w] = 1;
  }
  return suspect;
}

/** Scratch of markSuspects, grown to the most worlds seen. */
let suspects = new Uint8Array(0);

/** A world's divergence as the summary shows it. */
export interface Diverged {
  tick: number;
  reason: DivergenceReason;
  /** What ran away, in words: `|log P/V| of X is 7.31, past market.divergence.maxLogDeviation 5`. */
  message: string;
}
