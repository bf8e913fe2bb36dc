import { Box, Text } from 'ink';
import type { ScenarioEntry } from '../scenarios.ts';
import { pickerWindow } from '../picker-state.ts';
import type { Theme } from '../theme.ts';

export interface PickerProps {
  /** The scenarios to choose from, in order. */
  entries: ScenarioEntry[];
  /** Index of the highlighted entry. */
  selected: number;
  width: number;
  /** Terminal rows: the list scrolls with the highlight to fit them. */
  rows: number;
  theme: Theme;
}

/**
 * The scenario picker: title and key hint (always on screen), then the title and first
 * sentence of each lesson that fits, scrolled to keep the highlighted one visible.
 */
export function Picker({ entries, selected, width, rows, theme }: PickerProps) {
  const { from, to } = pickerWindow(entries.length, selected, rows);
  const above = from;
  const below = entries.length - to;
  const position = entries.length > 0 ? ` · ${selected + 1}/${entries.length}` : '';
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.title} wrap="truncate-end">
        tulip · pick a scenario
      </Text>
      <Text dimColor wrap="truncate-end">
        ↑/↓ choose · enter open · q quit{position}
        {above > 0 ? ` · ↑ ${above} more` : ''}
      </Text>
      {entries.slice(from, to).map((e, k) => {
        const i = from + k;
        return (
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
        );
      })}
      <Text dimColor>{below > 0 ? `  ↓ ${below} more` : ' '}</Text>
    </Box>
  );
}
