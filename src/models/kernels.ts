/**
 * tfjs's kernels called straight through the engine, for the fast paths' epoch loops
 * (packed-core.ts). A public op such as `tf.add` wraps its kernel in argument conversion, dtype
 * promotion, broadcast checks and a named scope: on tiny tensors that costs about as
 * much as the kernel itself (measured on wasm: an epoch of a dozen ops drops from ~165 to
 * ~125 µs). Here every input is already a float32 tensor of compatible shape, made by
 * the fast path, so none of that is needed. Results are tracked like any op's: inside
 * `tf.tidy` they are disposed with the scope. No gradients: the fast path needs none.
 */
import { tf } from './backend.ts';
import type * as TF from '@tensorflow/tfjs';

type T = TF.Tensor;

function binary(kernel: string, a: T, b: T): T {
  return tf.engine().runKernel(kernel, { a, b } as unknown as TF.NamedTensorMap) as T;
}

function unary(kernel: string, x: T): T {
  return tf.engine().runKernel(kernel, { x } as unknown as TF.NamedTensorMap) as T;
}

export const add = (a: T, b: T): T => binary('Add', a, b);
export const sub = (a: T, b: T): T => binary('Sub', a, b);
export const mul = (a: T, b: T): T => binary('Multiply', a, b);
export const div = (a: T, b: T): T => binary('RealDiv', a, b);
export const sqrt = (x: T): T => unary('Sqrt', x);
export const square = (x: T): T => unary('Square', x);
export const tanh = (x: T): T => unary('Tanh', x);

/** Batched a · b over the leading world axis ([W, r, k] · [W, k, c]), either side optionally transposed. */
export function matMul(a: T, b: T, transposeA = false, transposeB = false): T {
  return tf.engine().runKernel('BatchMatMul', { a, b } as unknown as TF.NamedTensorMap, { transposeA, transposeB } as unknown as TF.NamedAttrMap) as T;
}

export function slice(x: T, begin: number[], size: number[]): T {
  return tf.engine().runKernel('Slice', { x } as unknown as TF.NamedTensorMap, { begin, size } as unknown as TF.NamedAttrMap) as T;
}

export function reshape(x: T, shape: number[]): T {
  return tf.engine().runKernel('Reshape', { x } as unknown as TF.NamedTensorMap, { shape } as unknown as TF.NamedAttrMap) as T;
}

/** Sum over `axis`, keeping it (size 1). */
export function sum(x: T, axis: number): T {
  return tf.engine().runKernel('Sum', { x } as unknown as TF.NamedTensorMap, { axis, keepDims: true } as unknown as TF.NamedAttrMap) as T;
}

export function concat(tensors: T[], axis: number): T {
  return tf.engine().runKernel('Concat', tensors as unknown as TF.NamedTensorMap, { axis } as unknown as TF.NamedAttrMap) as T;
}

/** `cond ? a : b` elementwise; `cond` must already have the shape of `a` and `b` (the public op would tile it on every call). */
export function select(cond: T, a: T, b: T): T {
  return tf.engine().runKernel('Select', { condition: cond, t: a, e: b } as unknown as TF.NamedTensorMap) as T;
}

/**
 * Runs `fn` in a tidy scope and downloads its result outside it. `tf.tidy` walks whatever
 * its function returns looking for tensors, a typed array element by element (a
 * thousand worlds' predictions: a thousand Set inserts per call), so the download must
 * happen after the scope closes.
 */
export function readTidy<A extends Float32Array | Int32Array | Uint8Array>(fn: () => T): A {
  const out = tf.tidy(fn);
  try {
    return out.dataSync() as A;
  } finally {
    out.dispose();
  }
}
