import { Box, Text } from 'ink';
import type { LogLine } from '../view-model.ts';
import { severityColor, type Theme } from '../theme.ts';

export interface EventLogProps {
  /** The lines to show, oldest first (eventLog already cut them to fit). */
  lines: LogLine[];
  /** Lines of space below the title; the rest is padded so the layout does not jump. */
  height: number;
  width: number;
  theme: Theme;
}

function color(line: LogLine, theme: Theme): string | undefined {
  if (line.kind === 'alert') return severityColor(theme, line.severity);
  if (line.kind === 'intervention' || line.kind === 'queued') return theme.intervention;
  if (line.kind === 'bug' || line.kind === 'halt') return theme.critical;
  return theme.dim;
}

/** Interventions, alerts, scheduled bugs, version pushes: what happened, by tick. */
export function EventLog({ lines, height, width, theme }: EventLogProps) {
  const blanks = Math.max(0, height - lines.length);
  return (
    <Box flexDirection="column" width={width} paddingRight={1}>
      <Text bold wrap="truncate-end">
        Events
      </Text>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end" color={color(l, theme)}>
          {(l.tick === undefined ? 'next' : `t${l.tick}`).padStart(5)} {l.text}
        </Text>
      ))}
      {Array.from({ length: blanks }, (_, i) => (
        <Text key={`blank${i}`}> </Text>
      ))}
    </Box>
  );
}
