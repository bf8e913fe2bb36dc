/**
 * Seeded per-world parameters for model-bank tests: every weight and bias non-zero, so a
 * dropped or misplaced bias shows. Uniform on [-halfWidth, halfWidth).
 */
import { RandomStream } from '../../src/core/rng.ts';
import { parameterShapes, type Architecture } from '../../src/models/weight-bank.ts';

export function randomBankParams(worlds: number, features: number, arch: Architecture, seed: string, halfWidth: number): Float32Array[][] {
  const stream = new RandomStream('test', seed);
  return Array.from({ length: worlds }, () =>
    parameterShapes(1, features, arch).map(([, a, b]) => Float32Array.from({ length: a * b }, () => (2 * stream.uniform() - 1) * halfWidth)),
  );
}
