/**
 * A fixed-length window of the most recent values, oldest first when read; its state
 * is plain data so monitors that use it can be snapshotted.
 */
export class RollingWindow {
  private values: number[] = [];

  constructor(readonly length: number) {}

  push(x: number): void {
    this.values.push(x);
    if (this.values.length > this.length) this.values.shift();
  }

  get full(): boolean {
    return this.values.length === this.length;
  }

  get size(): number {
    return this.values.length;
  }

  toArray(): readonly number[] {
    return this.values;
  }

  clear(): void {
    this.values = [];
  }

  state(): number[] {
    return [...this.values];
  }

  restore(values: number[]): void {
    this.values = [...values];
  }
}

/** reset / state / restore for a monitor whose whole state is a few rolling windows. */
export function windowsLifecycle(windows: readonly RollingWindow[]): { reset(): void; state(): number[][]; restore(saved: unknown): void } {
  return {
    reset: () => windows.forEach((w) => w.clear()),
    state: () => windows.map((w) => w.state()),
    restore: (saved) => (saved as number[][]).forEach((values, i) => windows[i]!.restore(values)),
  };
}
