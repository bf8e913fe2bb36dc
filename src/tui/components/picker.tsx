import { Box, Text } from 'ink';
import type { ScenarioEntry } from '../scenarios.ts';
import type { Theme } from '../theme.ts';

export interface PickerProps {
  /** The scenarios to choose from, in order. */
  entries: ScenarioEntry[];
  /** Index of the highlighted entry. */
  selected: number;
  width: number;
  theme: Theme;
}

/** The scenario picker: title and the first line of each lesson; ↑/↓ and enter. */
export function Picker({ entries, selected, width, theme }: PickerProps) {
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.title}>
        tulip · pick a scenario
      </Text>
      <Text dimColor>↑/↓ choose · enter open · q quit</Text>
      <Text> </Text>
      {entries.map((e, i) => (
        <Box key={e.file} flexDirection="column">
          <Text bold={i === selected} color={i === selected ? theme.selected : undefined} wrap="truncate-end">
            {i === selected ? '▸ ' : '  '}
            {e.title} <Text dimColor>({e.name})</Text>
          </Text>
          <Text dimColor={i !== selected} color={e.error ? theme.critical : undefined} wrap="truncate-end">
            {'    '}
            {e.error ?? e.summary}
          </Text>
        </Box>
      ))}
    </Box>
  );
}
