/**
 * Post-verification of a batch lookup table before it is pushed: the cheap checks an
 * offline pipeline can afford because it sees the whole table before anyone reads it.
 * Returns the reason a table fails, or undefined when it passes.
 */
export interface TableChecks {
  /** Every entry finite and within ±maxAbs (standard units). */
  maxAbs: number;
  /** The mean entry may move at most this far from the served table's mean (standard units). */
  maxShift: number;
}

export function verifyTable(candidate: Float64Array, current: Float64Array | undefined, checks: TableChecks): string | undefined {
  const entries = [...candidate].filter((x) => !Number.isNaN(x));
  if (entries.length === 0) return undefined; // nothing listed yet: an empty table cannot be wrong
  const bad = entries.find((x) => !Number.isFinite(x) || Math.abs(x) > checks.maxAbs);
  if (bad !== undefined) return `an entry is ${bad.toFixed(3)}, outside ±${checks.maxAbs}`;
  if (!current) return undefined;
  const old = [...current].filter((x) => !Number.isNaN(x));
  if (old.length === 0) return undefined;
  const shift = mean(entries) - mean(old);
  if (Math.abs(shift) > checks.maxShift) return `the mean prediction moved by ${shift.toFixed(3)} (more than ${checks.maxShift}) since the served table`;
  return undefined;
}

function mean(values: number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
