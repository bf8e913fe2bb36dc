/**
 * The readings table: every named per-world number of a run, defined once. A reading is a
 * name (`price:X`, `position:A`, `pnl:A/X`, `feature:A/value-ratio`), its unit and a
 * function of the world. The trace hash, the monitors' view, the summaries, the analysis
 * series, the report and the terminal UI all read through this table, so a name means one
 * thing everywhere.
 *
 * Naming: `<quantity>:<asset or model>` for one number per world; a model that trades
 * several assets has one reading per lane `<quantity>:<model>/<asset>`, and
 * `<quantity>:<model>` is then the sum over its lanes (position, order, pnl) or lane 0
 * (prediction, features), as each reading's `note` says.
 */

export interface Reading {
  readonly name: string;
  /** What the number is measured in: `currency`, `shares`, `log price`, `standard units`, `0/1`, ... */
  readonly unit: string;
  /** One line for readers of the trace or the UI: what the number is. */
  readonly note: string;
  /** Whether the trace hash covers it (everything the simulation decides does). */
  readonly hashed: boolean;
  /** The value in world `world` now (after the tick's phases ran). */
  read(world: number): number;
}

export class ReadingsTable {
  private readonly list: Reading[] = [];
  private readonly byName = new Map<string, Reading>();
  private hashedList: Reading[] = [];

  add(reading: Reading): void {
    if (this.byName.has(reading.name)) throw new Error(`reading ${reading.name} is defined twice`);
    this.list.push(reading);
    this.byName.set(reading.name, reading);
    if (reading.hashed) this.hashedList.push(reading);
  }

  /** Every reading, in the order defined (which is the order hashed). */
  all(): readonly Reading[] {
    return this.list;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The reading of that name; throws naming the readings that exist with the same prefix. */
  get(name: string): Reading {
    const r = this.byName.get(name);
    if (r) return r;
    const prefix = name.split(':')[0]!;
    const near = this.list.filter((x) => x.name.startsWith(`${prefix}:`)).map((x) => x.name);
    throw new Error(`no reading named ${name}${near.length ? `; readings of ${prefix}: ${near.join(', ')}` : ''}`);
  }

  /** How many numbers `fillHashed` writes per world. */
  get hashedCount(): number {
    return this.hashedList.length;
  }

  /** Writes world w's hashed readings into `out` from `offset`, in table order. */
  fillHashed(world: number, out: Float64Array, offset = 0): void {
    const list = this.hashedList;
    for (let k = 0; k < list.length; k++) out[offset + k] = list[k]!.read(world);
  }
}
