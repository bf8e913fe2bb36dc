import { Box, Text } from 'ink';
import { signed, type ModelRow } from '../view-model.ts';
import type { Theme } from '../theme.ts';

export interface ModelTableProps {
  /** One row per model, as modelRows returns them. */
  rows: ModelRow[];
  theme: Theme;
}

// Widths fit 80 columns with the bug's description: 2 + 6 + 9 + 9 + 7 + 9 + 8 + 6 + bug.
const COLUMNS = ['  model ', 'position'.padStart(9), 'PnL'.padStart(9), 'pred'.padStart(7), ' training', ' infer  ', 'ver'.padStart(6), '  bug'].join('');

/** Each model: position, PnL, last prediction, regimes, served version and bug state. */
export function ModelTable({ rows, theme }: ModelTableProps) {
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {COLUMNS}
      </Text>
      {rows.map((m) => {
        const bugColor = m.bug === 'on' ? theme.critical : theme.dim;
        const bug = m.bug === 'none' ? 'none' : `${m.bug === 'on' ? 'ON ' : 'off'} ${m.bugText}`;
        return (
          <Text key={m.name} wrap="truncate-end">
            <Text color={m.selected ? theme.selected : undefined} bold={m.selected}>
              {m.selected ? '▸ ' : '  '}
              {m.name.padEnd(6)}
            </Text>
            {m.position.toFixed(1).padStart(9)}
            {m.pnl.toFixed(0).padStart(9)}
            {signed(m.prediction, 2).padStart(7)}
            {' '}
            {m.training.padEnd(8)}
            {' '}
            {m.inference.padEnd(7)}
            {`v${m.version}`.padStart(6)}
            {'  '}
            <Text color={bugColor}>{bug}</Text>
            {m.halted ? <Text color={theme.critical}> HALTED</Text> : null}
          </Text>
        );
      })}
    </Box>
  );
}
