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
  /**
   * When the value is a plain array element, `array[world * stride + offset]`: the hash
   * then copies it without a call (read() must return the same number).
   */
  readonly at?: { array: Float64Array | Uint8Array; stride: number; offset: number };
  /**
   * When the value is not a plain element, read() of worlds [from, to) at once:
   * `out[(w - from) * stride + offset] = read(w)`. The hash then fills the column in one
   * call, not one call per world (it must write the same numbers as read()).
   */
  readonly column?: (from: number, to: number, out: Float64Array, stride: number, offset: number) => void;
}

export class ReadingsTable {
  private readonly list: Reading[] = [];
  private readonly byName = new Map<string, Reading>();
  private hashedList: Reading[] = [];
  /** The hashed readings as runs: either direct array elements or calls (see fillHashed). */
  private plan: { arrays: (Float64Array | Uint8Array)[]; strides: Int32Array; offsets: Int32Array; calls: (Reading | undefined)[] } | undefined;

  add(reading: Reading): void {
    if (this.byName.has(reading.name)) throw new Error(`reading ${reading.name} is defined twice`);
    this.list.push(reading);
    this.byName.set(reading.name, reading);
    if (reading.hashed) this.hashedList.push(reading);
    this.plan = undefined;
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

  /**
   * Writes the hashed readings of worlds [from, to), in table order: world w's k-th number
   * goes to `out[(w - from) * stride + offset + k]`. It runs reading by reading over the
   * worlds, so each inner loop reads one typed array (a loop that mixed Float64Array and
   * Uint8Array elements per world would be polymorphic and several times slower); readings
   * that are not plain array elements are called (a column at a time when they can).
   * The caller takes worlds a block at a time, so `out` stays in cache at any W.
   */
  fillHashed(from: number, to: number, out: Float64Array, stride: number, offset = 0): void {
    const plan = (this.plan ??= this.makePlan());
    const { arrays, strides, offsets, calls } = plan;
    const count = to - from;
    for (let k = 0; k < calls.length; k++) {
      const call = calls[k];
      const at = offset + k;
      if (call !== undefined) {
        if (call.column) call.column(from, to, out, stride, at);
        else for (let j = 0; j < count; j++) out[j * stride + at] = call.read(from + j);
        continue;
      }
      const array = arrays[k]!;
      const step = strides[k]!;
      const first = offsets[k]! + from * step;
      if (array instanceof Float64Array) copyColumn(array, step, first, count, out, stride, at);
      else copyColumn(array, step, first, count, out, stride, at);
    }
  }

  private makePlan() {
    const list = this.hashedList;
    const none = new Float64Array(0);
    return {
      arrays: list.map((r) => r.at?.array ?? none),
      strides: Int32Array.from(list.map((r) => r.at?.stride ?? 0)),
      offsets: Int32Array.from(list.map((r) => r.at?.offset ?? 0)),
      calls: list.map((r) => (r.at ? undefined : r)),
    };
  }
}

/** out[w * outStride + at] = array[w * step + first] for every world (monomorphic per array type at each call site). */
function copyColumn<A extends Float64Array | Uint8Array>(array: A, step: number, first: number, worlds: number, out: Float64Array, outStride: number, at: number): void {
  for (let w = 0; w < worlds; w++) out[w * outStride + at] = array[w * step + first]!;
}
