import { Box, Text } from 'ink';
import { signed, signedBar } from '../selectors/text.ts';
import type { TraderRow, TradersView } from '../selectors/traders.ts';
import type { Theme } from '../theme.ts';

export interface TradersTableProps {
  view: TradersView;
  width: number;
  theme: Theme;
}

/** Cells of the signed order bar on each side of its centre. */
const HALF = 4;
/** Widths of the columns (each but the first starts with a space). */
const W = { name: 8, position: 8, pnl: 8, bar: 2 * HALF + 1, order: 6, expectsShort: 9, expectsLong: 21, training: 8, serving: 8, version: 4 };

interface Shape {
  longExpects: boolean;
  serving: boolean;
  /** Room left for the bug column. */
  bugWidth: number;
}

function shapeFor(view: TradersView, width: number): Shape {
  const fixed = (expects: number) => W.name + W.position + W.pnl + 1 + W.bar + W.order + expects + W.training + (view.servingColumn ? W.serving : 0) + W.version + 1;
  const longExpects = width - fixed(W.expectsLong) >= 20;
  return { longExpects, serving: view.servingColumn, bugWidth: Math.max(0, width - fixed(longExpects ? W.expectsLong : W.expectsShort)) };
}

function header(view: TradersView, shape: Shape): string {
  const bar = `order/tick ±${view.scale}`.slice(0, W.bar + W.order).padEnd(W.bar + W.order);
  return [
    '  trader'.padEnd(W.name),
    'pos(sh)'.padStart(W.position),
    'PnL($)'.padStart(W.pnl),
    ` ${bar}`,
    ` ${shape.longExpects ? 'expects (return)' : 'expects'}`.padEnd(shape.longExpects ? W.expectsLong : W.expectsShort),
    ' training',
    shape.serving ? ' serving' : '',
    ' ver',
    ' bug',
  ].join('');
}

function bugCell(row: TraderRow, shape: Shape): string {
  const m = row.model!;
  if (m.bug !== 'on' || !m.bugText) return m.bugLabel;
  const full = `${m.bugLabel} ${m.bugText}`;
  return full.length <= shape.bugWidth ? full : m.bugLabel;
}

function TraderLine({ row, view, shape, theme }: { row: TraderRow; view: TradersView; shape: Shape; theme: Theme }) {
  const m = row.model;
  const name = `${row.selected ? '▸ ' : '  '}${row.name}`.slice(0, W.name).padEnd(W.name);
  return (
    <Text wrap="truncate-end">
      <Text color={row.selected ? theme.selected : undefined} bold={row.selected} dimColor={!m}>
        {name}
      </Text>
      {row.position.toFixed(0).padStart(W.position)}
      {row.pnl.toFixed(0).padStart(W.pnl)} <Text color={m ? theme.price : undefined}>{signedBar(row.order, view.scale, HALF)}</Text>
      {signed(row.order, 1).padStart(W.order)}
      {m ? (
        <>
          {` ${shape.longExpects ? m.expects : m.expectsShort}`.padEnd(shape.longExpects ? W.expectsLong : W.expectsShort)}
          {` ${m.training}`.padEnd(W.training)}
          {shape.serving ? ` ${m.serving}`.padEnd(W.serving) : ''}
          {`v${m.version}`.padStart(W.version)}{' '}
          <Text color={m.bug === 'on' || m.bug === 'armed' ? theme.critical : theme.dim} bold={m.bug === 'on'}>
            {bugCell(row, shape)}
          </Text>
          {m.halted ? <Text color={theme.critical}> HALTED</Text> : null}
        </>
      ) : null}
    </Text>
  );
}

/** The net flow that moved the price, and the loop between the first two models. */
function NetLine({ view, theme }: { view: TradersView; theme: Theme }) {
  const move = `${view.symbol} ${signed(view.priceChange, 2)}%`;
  const loop = view.loop;
  return (
    <Text wrap="truncate-end">
      {'  net'.padEnd(W.name)}
      {move.padStart(W.position + W.pnl)} {signedBar(view.netFlow, view.scale, HALF)}
      {signed(view.netFlow, 1).padStart(W.order)}
      {loop ? (
        <Text color={loop.lit ? theme.critical : theme.dim} bold={loop.lit}>
          {loop.lit ? `  ${loop.a} ⇒ ${loop.symbol} ⇐ ${loop.b}  both ${loop.direction}` : `  ${loop.a} → ${loop.symbol} ← ${loop.b}`}
        </Text>
      ) : null}
    </Text>
  );
}

/**
 * Who trades the chart's asset: models and background traders with position, PnL and
 * this tick's order as a signed bar; then the net flow and the loop between the models.
 */
export function TradersTable({ view, width, theme }: TradersTableProps) {
  const shape = shapeFor(view, width);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {header(view, shape)}
      </Text>
      {view.rows.map((row) => (
        <TraderLine key={row.name} row={row} view={view} shape={shape} theme={theme} />
      ))}
      <NetLine view={view} theme={theme} />
    </Box>
  );
}
