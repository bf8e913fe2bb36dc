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
