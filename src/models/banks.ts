/**
 * Which implementation computes a model role's bank: `tfjs` (batched, the default),
 * `reference` (Float64 loops: oracle and speed reference), `naive` (one tfjs LayersModel
 * per world: the benchmarks' baseline). See weight-bank.ts.
 */
import { ModelBank } from './model-bank.ts';
import { NaiveBank } from './naive-bank.ts';
import { ReferenceBank } from './reference-bank.ts';
import type { Architecture, OptimizerKind, WeightBank } from './weight-bank.ts';

export type BankKind = 'tfjs' | 'reference' | 'naive';
export const BANK_KINDS: readonly BankKind[] = ['tfjs', 'reference', 'naive'];

export function createBank(kind: BankKind, worlds: number, features: number, arch: Architecture, optimizer: OptimizerKind, params: Float32Array[][], lr: number): WeightBank {
  if (kind === 'reference') return new ReferenceBank(worlds, features, arch, optimizer, params);
  if (kind === 'naive') return new NaiveBank(worlds, features, arch, optimizer, params, lr);
  return new ModelBank(worlds, features, arch, optimizer, params);
}
