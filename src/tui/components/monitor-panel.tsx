import { Box, Text } from 'ink';
import type { MonitorView } from '../view-model.ts';
import { formatAxis } from '../chart.ts';
import { severityColor, type Theme } from '../theme.ts';

export interface MonitorPanelProps {
  /** Readings and alerts, as monitorView returns them. */
  view: MonitorView;
  height: number;
  width: number;
  theme: Theme;
}

const num = (x: number) => (Number.isFinite(x) ? formatAxis(x) : '–');

/**
 * Each monitor's statistic against its threshold (red when past it), then the latest
 * alerts coloured by severity. A scenario without monitors shows only alerts (the
 * engine's own numerical checks raise some).
 */
export function MonitorPanel({ view, height, width, theme }: MonitorPanelProps) {
  const { counts, latest, readings } = view;
  const total = counts.info + counts.warning + counts.critical;
  const shownReadings = readings.slice(0, Math.max(0, height - 2));
  const alertLines = latest.slice(-Math.max(0, height - 1 - shownReadings.length));
  const blanks = Math.max(0, height - 1 - shownReadings.length - alertLines.length);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        Monitors{' '}
        {total === 0 ? (
          <Text dimColor>no alerts</Text>
        ) : (
          <>
            <Text color={theme.critical}>{counts.critical}</Text>/<Text color={theme.warning}>{counts.warning}</Text>/<Text color={theme.info}>{counts.info}</Text>
            <Text dimColor> crit/warn/info</Text>
          </>
        )}
      </Text>
      {shownReadings.map((r) => (
        <Text key={r.name} wrap="truncate-end" color={r.over ? theme.critical : undefined}>
          {r.name} {num(r.statistic)} {r.over ? '>' : '≤'} {num(r.threshold)}
        </Text>
      ))}
      {alertLines.map((l, i) => (
        <Text key={i} wrap="truncate-end" color={severityColor(theme, l.severity)}>
          t{l.tick} {l.text}
        </Text>
      ))}
      {Array.from({ length: blanks }, (_, i) => (
        <Text key={`blank${i}`}> </Text>
      ))}
    </Box>
  );
}
