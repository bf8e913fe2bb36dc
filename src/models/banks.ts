/**
 * Which implementation computes a model role's bank: `tfjs` (batched, the default), `f64`
 * (Float64Array loops: the oracle the tfjs bank is tested against, and the fastest bank
 * for few worlds; `reference` is its older name), `naive` (one tfjs LayersModel per world:
 * the benchmarks' baseline). See weight-bank.ts.
 */
import { ModelBank } from './model-bank.ts';
import { NaiveBank } from './naive-bank.ts';
import { ReferenceBank } from './reference-bank.ts';
import type { Architecture, OptimizerKind, WeightBank } from './weight-bank.ts';

export type BankKind = 'tfjs' | 'f64' | 'reference' | 'naive';
/** The banks a user chooses between (`--bank`, `bank:` in a scenario). */
export const BANK_KINDS: readonly BankKind[] = ['tfjs', 'f64'];

export function createBank(kind: BankKind, worlds: number, features: number, arch: Architecture, optimizer: OptimizerKind, params: Float32Array[][], lr: number): WeightBank {
  if (kind === 'f64' || kind === 'reference') return new ReferenceBank(worlds, features, arch, optimizer, params);
  if (kind === 'naive') return new NaiveBank(worlds, features, arch, optimizer, params, lr);
  return new ModelBank(worlds, features, arch, optimizer, params);
}
