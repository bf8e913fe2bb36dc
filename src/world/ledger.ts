/**
 * Who holds what. Every fill is booked twice: the trader on one side, the market maker
 * (who absorbs the net order flow at the clearing price) on the other, so cash and
 * shares are conserved exactly: sum of cash over all parties stays 0, and so does the
 * sum of positions in each asset.
 */
export interface AgentInfo {
  /** Unique name, e.g. `noise/X` or `model/A`. */
  name: string;
  /** The asset this agent trades (index into the market's symbols). */
  asset: number;
}

export class Ledger {
  readonly cash: Float64Array;
  readonly position: Float64Array;
  /** The last order of each agent (shares, + buy / - sell). */
  readonly order: Float64Array;
  readonly makerCash: Float64Array;
  readonly makerPosition: Float64Array;

  constructor(
    readonly worlds: number,
    readonly agents: readonly AgentInfo[],
    readonly assets: number,
  ) {
    const n = worlds * agents.length;
    this.cash = new Float64Array(n);
    this.position = new Float64Array(n);
    this.order = new Float64Array(n);
    this.makerCash = new Float64Array(worlds * assets);
    this.makerPosition = new Float64Array(worlds * assets);
  }

  index(world: number, agent: number): number {
    return world * this.agents.length + agent;
  }

  agentIndex(name: string): number {
    const i = this.agents.findIndex((a) => a.name === name);
    if (i < 0) throw new Error(`no agent named ${name}`);
    return i;
  }

  /** Mark-to-market profit and loss (everyone starts flat with zero cash). */
  pnl(world: number, agent: number, price: number): number {
    const i = this.index(world, agent);
    return this.cash[i]! + this.position[i]! * price;
  }

  arrays(): Float64Array[] {
    return [this.cash, this.position, this.order, this.makerCash, this.makerPosition];
  }

  snapshot(): Float64Array[] {
    return this.arrays().map((a) => a.slice());
  }

  restore(saved: Float64Array[]): void {
    this.arrays().forEach((a, i) => a.set(saved[i]!));
  }
}
