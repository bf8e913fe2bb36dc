/**
 * Who trades the selected asset, and who moved its price this tick: each model and each
 * background trader with its position (shares), profit and loss (currency), and its order
 * this tick as a signed bar; the net flow that moved the price; and the loop between the
 * first two models drawn small (A → X ← B), lit when their orders push the same way.
 * Models also show what they expect (a return in percent over their horizon), their
 * training regime, served version and bug state.
 */
import type { TulipSimulation as Simulation } from '../../setup/parts.ts';
import type { TickRecord } from '../../setup/trace-record.ts';
import { BUG_FORCED_OFF } from '../../models/feature-pipeline.ts';
import type { ModelRole } from '../../models/model-role.ts';
import { modelBook } from '../../setup/summary.ts';
import { recordAt } from '../record-changes.ts';
import type { Session } from '../session.ts';
import type { TuiState } from '../state.ts';

export type BugState = 'none' | 'armed' | 'on' | 'forced off' | 'off';

export interface ModelCells {
  /** "+4.2 % over 10 ticks" (the short form drops "over"), or – before the first fit. */
  expects: string;
  expectsShort: string;
  training: 'static' | 'dynamic';
  /** Serving mode and share answered, shown only where the scenario sets serving up. */
  serving: string;
  version: number;
  bug: BugState;
  /** "armed (from t250)", "ON", "forced off", "off", "none". */
  bugLabel: string;
  /** What the bug is, e.g. "×100 value-ratio". */
  bugText: string;
  halted: boolean;
}

export interface TraderRow {
  /** A model's name, or the background traders' kind ("noise", "fund."). */
  name: string;
  selected: boolean;
  /** Shares held (a multi-asset model: summed over its assets). */
  position: number;
  /** Mark-to-market profit and loss, currency units. */
  pnl: number;
  /** This tick's order in the selected asset, shares (+ buys, − sells). */
  order: number;
  model?: ModelCells;
}

export interface LoopView {
  a: string;
  b: string;
  symbol: string;
  /** Whether both models' orders push the price the same way this tick. */
  lit: boolean;
  /** 'buying' / 'selling' when lit. */
  direction?: 'buying' | 'selling';
}

export interface TradersView {
  symbol: string;
  rows: TraderRow[];
  /** Net order flow of the tick, shares: what moved the price. */
  netFlow: number;
  /** The price's change over the tick, percent. */
  priceChange: number;
  /** Shares a full half-bar stands for (a round number, steady over the recent ticks). */
  scale: number;
  loop?: LoopView;
  /** Whether any model has serving settings (then the serving column is shown). */
  servingColumn: boolean;
}

/** Background traders' kinds as short names for the table (the help screen spells them out). */
const SHORT_NAMES: Record<string, string> = { noise: 'noise', fundamentalists: 'fund.', momentum: 'mom.' };
/** Orders smaller than this (shares) count as no order when lighting the loop. */
const QUIET = 0.05;
/** Ticks looked back over to fix the bars' scale. */
const SCALE_WINDOW = 50;

/** Row count of the traders table's body for a simulation (traders + the net-flow row). */
export function traderRowCount(sim: Simulation, asset = 0): number {
  return sim.parts.roles.length + backgroundAgents(sim, symbolAt(sim, asset)).length + 1;
}

function symbolAt(sim: Simulation, asset: number): string {
  return sim.parts.market.symbols[asset] ?? sim.parts.market.symbols[0]!;
}

/** The ledger's background agents trading `symbol` ("noise/X", "fundamentalists/X", …). */
function backgroundAgents(sim: Simulation, symbol: string): { name: string; index: number }[] {
  return sim.parts.ledger.agents.flatMap((agent, index) => (!agent.name.startsWith('model/') && agent.name.endsWith(`/${symbol}`) ? [{ name: agent.name, index }] : []));
}

function modelOrder(record: TickRecord | undefined, role: ModelRole, symbol: string): number {
  return record?.agents[`model/${role.name}`]?.order ?? record?.agents[`model/${role.name}/${symbol}`]?.order ?? 0;
}

/** A model's prediction as the return it expects: standard units × its target scale (log return) -> percent. */
export function expectedPercent(role: ModelRole, world: number, prediction: number): number {
  return Math.expm1(prediction * role.targetScale[world]!) * 100;
}

export function bugState(role: ModelRole, world: number, tick: number): { state: BugState; label: string } {
  const { bugs, bugSwitch, bugActive } = role.pipeline;
  const n = bugs.length;
  if (n === 0) return { state: 'none', label: 'none' };
  const base = world * role.lanes * n; // lane 0 speaks for every lane: one schedule
  if (bugs.some((_, b) => bugActive[base + b] === 1)) return { state: 'on', label: 'ON' };
  if (bugs.some((_, b) => bugSwitch[base + b] === BUG_FORCED_OFF)) return { state: 'forced off', label: 'forced off' };
  const next = bugs.map((b) => b.config.from).filter((from) => from >= tick).sort((x, y) => x - y)[0];
  return next === undefined ? { state: 'off', label: 'off' } : { state: 'armed', label: `armed (from t${next})` };
}

function bugText(role: ModelRole): string {
  return role.pipeline.bugs.map((b) => (b.config.type === 'scale' ? `×${b.config.factor} ${b.config.feature}` : `${b.config.type} ${b.config.feature}`)).join(', ');
}

/** `online` / `offline`, or `on 40%` / `off 94%` once some requests went unanswered (7 characters at most). */
function servingLabel(role: ModelRole, w: number): string {
  const mode = role.config.inference.mode;
  const { requests, answered } = role.serving.metrics;
  if (requests[w]! === 0 || answered[w]! === requests[w]!) return mode;
  return `${mode === 'online' ? 'on' : 'off'} ${Math.floor((100 * answered[w]!) / requests[w]!)}%`;
}

function hasServingSettings(role: ModelRole): boolean {
  const inference = role.config.inference;
  return inference.mode === 'offline' || (inference.capacity !== undefined && inference.capacity !== null);
}

function modelCells(sim: Simulation, role: ModelRole, w: number, record: TickRecord | undefined): ModelCells {
  const m = record?.models[role.name];
  const version = m?.version ?? 0;
  const pct = expectedPercent(role, w, m?.prediction ?? 0);
  const sign = pct >= 0 ? '+' : '−';
  const h = role.config.horizon;
  const fitted = version > 0;
  const bug = bugState(role, w, sim.tick);
  return {
    expects: fitted ? `${sign}${Math.abs(pct).toFixed(1)} % over ${h} ticks` : '– (not trained)',
    expectsShort: fitted ? `${sign}${Math.abs(pct).toFixed(1)}%/${h}t` : '–',
    training: m?.mode ?? (role.mode[w] === 1 ? 'dynamic' : 'static'),
    serving: servingLabel(role, w),
    version,
    bug: bug.state,
    bugLabel: bug.label,
    bugText: bugText(role),
    halted: m?.halted ?? false,
  };
}

/** A round number (1, 2 or 5 × 10^k) at least `x`, so the bars' scale changes rarely. */
export function roundUp(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= x)!;
}

/**
 * The bars' scale: the 90th percentile of the orders' sizes over the recent ticks,
 * rounded up. A percentile, so one large trade (the warm-up fit, a rollback) does not
 * flatten every other bar.
 */
function barScale(sim: Simulation, w: number): number {
  const sizes: number[] = [];
  for (let t = Math.max(0, sim.tick - SCALE_WINDOW); t < sim.tick; t++) {
    const r = recordAt(sim, t, w);
    if (r) for (const a of Object.values(r.agents)) sizes.push(Math.abs(a.order));
  }
  sizes.sort((a, b) => a - b);
  return roundUp(sizes[Math.floor(0.9 * (sizes.length - 1))] ?? 0);
}

function loopView(rows: TraderRow[], sim: Simulation, symbol: string): LoopView | undefined {
  const models = rows.filter((r) => r.model);
  if (sim.parts.roles.length < 2 || models.length < 2) return undefined;
  const [a, b] = models as [TraderRow, TraderRow];
  const same = Math.abs(a.order) > QUIET && Math.abs(b.order) > QUIET && Math.sign(a.order) === Math.sign(b.order);
  return { a: a.name, b: b.name, symbol, lit: same, direction: same ? (a.order > 0 ? 'buying' : 'selling') : undefined };
}

export function tradersView(session: Session, state: TuiState): TradersView {
  const sim = session.sim;
  const w = state.world;
  const symbol = symbolAt(sim, state.asset);
  const record = sim.tick > 0 ? recordAt(sim, sim.tick - 1, w) : undefined;
  const before = sim.tick > 1 ? recordAt(sim, sim.tick - 2, w) : undefined;
  const { market, ledger } = sim.parts;
  const price = Math.exp(market.logClose[market.index(w, market.symbols.indexOf(symbol))]!);
  const rows: TraderRow[] = sim.parts.roles.map((role, r) => {
    const book = modelBook(sim, role, w);
    return { name: role.name, selected: r === state.model, position: book.position, pnl: book.pnl, order: modelOrder(record, role, symbol), model: modelCells(sim, role, w, record) };
  });
  for (const agent of backgroundAgents(sim, symbol)) {
    const kind = agent.name.slice(0, agent.name.indexOf('/'));
    rows.push({ name: SHORT_NAMES[kind] ?? kind, selected: false, position: ledger.position[ledger.index(w, agent.index)]!, pnl: ledger.pnl(w, agent.index, price), order: record?.agents[agent.name]?.order ?? 0 });
  }
  const now = record?.assets[symbol];
  const then = before?.assets[symbol];
  return {
    symbol,
    rows,
    netFlow: now?.netFlow ?? 0,
    priceChange: now && then ? (now.price / then.price - 1) * 100 : 0,
    scale: barScale(sim, w),
    loop: loopView(rows, sim, symbol),
    servingColumn: sim.parts.roles.some(hasServingSettings),
  };
}
