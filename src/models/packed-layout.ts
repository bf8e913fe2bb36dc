/**
 * Plain-array helpers of the packed fast paths (packed-core.ts): the flat per-world
 * parameter layout, the ones column of the rows, and Adam's per-epoch bias corrections,
 * which depend only on step counts known in JS.
 *
 * Packed layout: each world's parameters are its public blocks (weight-bank.ts shapes)
 * one after the other: [w (F), b (1)] for the linear model, [W1 (F·H), b1 (H), W2 (H),
 * b2 (1)] for the MLP. Read as matrices, [W1; b1] is an (F+1) × H matrix and [W2; b2]
 * an (H+1) × 1 one: with a ones column on the inputs, each layer is one matMul.
 */
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON } from './weight-bank.ts';

/** Rows [count * F] with a ones column appended ([count * (F + 1)]), so the bias is one more weight. */
export function withOnes(x: Float32Array, count: number, features: number, out: Float32Array = new Float32Array(count * (features + 1))): Float32Array {
  const P = features + 1;
  for (let r = 0; r < count; r++) {
    for (let f = 0; f < features; f++) out[r * P + f] = x[r * features + f]!;
    out[r * P + features] = 1;
  }
  return out;
}

/** Stacked public blocks (block i is [W * sizes[i]]) as one packed [W * Σ sizes] array. */
export function joinBlocks(blocks: readonly Float32Array[], sizes: readonly number[], worlds: number): Float32Array {
  const K = sizes.reduce((a, b) => a + b, 0);
  const packed = new Float32Array(worlds * K);
  let offset = 0;
  for (let i = 0; i < sizes.length; i++) {
    const size = sizes[i]!;
    const block = blocks[i]!;
    for (let w = 0; w < worlds; w++) for (let k = 0; k < size; k++) packed[w * K + offset + k] = block[w * size + k]!;
    offset += size;
  }
  return packed;
}

/** The inverse of joinBlocks. Plain loops: it runs after every training round (the version registry's copy). */
export function splitBlocks(packed: Float32Array, sizes: readonly number[], worlds: number): Float32Array[] {
  const K = sizes.reduce((a, b) => a + b, 0);
  const blocks: Float32Array[] = [];
  let offset = 0;
  for (const size of sizes) {
    const block = new Float32Array(worlds * size);
    for (let w = 0; w < worlds; w++) for (let k = 0; k < size; k++) block[w * size + k] = packed[w * K + offset + k]!;
    blocks.push(block);
    offset += size;
  }
  return blocks;
}

/** 1 for each parameter of a trained world ([W * K]): a select's condition, already at the parameters' shape. */
export function acceptMask(mask: Float32Array, K: number): Uint8Array {
  const out = new Uint8Array(mask.length * K);
  for (let w = 0; w < mask.length; w++) if (mask[w]! > 0) out.fill(1, w * K, (w + 1) * K);
  return out;
}

/**
 * Adam's bias corrections for one epoch, folded as the fast paths use them:
 * a = lr c1 / √c2 and b = ε / √c2, with c1 = 1/(1 − β1ᵗ), c2 = 1/(1 − β2ᵗ).
 * One value each when every trained world is at the same step (the usual case), else one per world.
 */
export interface AdamCorrections {
  a: Float32Array;
  b: Float32Array;
}

/** The corrections of the `k`-th epoch of a round (k = 1, 2, …): world w is at step steps[w] + k. */
export function adamCorrections(steps: Float32Array, mask: Float32Array, k: number, lr: number, uniform: boolean): AdamCorrections {
  if (uniform) {
    const t = steps[firstTrained(mask)]! + k;
    return { a: Float32Array.of(correctionA(t, lr)), b: Float32Array.of(correctionB(t)) };
  }
  const a = new Float32Array(steps.length);
  const b = new Float32Array(steps.length);
  for (let w = 0; w < steps.length; w++) {
    const t = steps[w]! + k;
    a[w] = correctionA(t, lr);
    b[w] = correctionB(t);
  }
  return { a, b };
}

function correctionA(t: number, lr: number): number {
  return (lr * Math.sqrt(1 - ADAM_BETA2 ** t)) / (1 - ADAM_BETA1 ** t);
}

function correctionB(t: number): number {
  return ADAM_EPSILON * Math.sqrt(1 - ADAM_BETA2 ** t);
}

function firstTrained(mask: Float32Array): number {
  for (let w = 0; w < mask.length; w++) if (mask[w]! > 0) return w;
  return 0;
}

/** Whether every trained world has the same step count, so one scalar carries the bias corrections. */
export function uniformSteps(steps: Float32Array, mask: Float32Array): boolean {
  let t: number | undefined;
  for (let w = 0; w < steps.length; w++) {
    if (!(mask[w]! > 0)) continue;
    if (t === undefined) t = steps[w]!;
    else if (steps[w] !== t) return false;
  }
  return true;
}
