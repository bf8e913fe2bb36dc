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
 * Each monitor's statistic against its threshold, judged in the monitor's direction:
 * "OK" or "BREACH" in words (red when breached), the comparison the monitor makes
 * (`>` alarms above, `<` below); "+N more (m)" when not all fit; then the latest alerts.
 */
export function MonitorPanel({ view, height, width, theme }: MonitorPanelProps) {
  const { counts, latest, readings, total } = view;
  const alerts = counts.info + counts.warning + counts.critical;
  const hidden = total - readings.length;
  const blanks = Math.max(0, height - readings.length - (hidden > 0 ? 1 : 0) - latest.length);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        Monitors{' '}
        {alerts === 0 ? (
          <Text dimColor>no alerts</Text>
        ) : (
          <>
            <Text color={theme.critical}>{counts.critical}</Text>/<Text color={theme.warning}>{counts.warning}</Text>/<Text color={theme.info}>{counts.info}</Text>
            <Text dimColor> crit/warn/info</Text>
          </>
        )}
      </Text>
      {readings.map((r) => {
        // The alarm condition, as the monitor states it: "p < 1.0e-4 alarms", "ρ > 0.5 alarms".
        const alarmsWhen = `${r.direction === 'below' ? '<' : '>'} ${num(r.threshold)}`;
        const verdict = !Number.isFinite(r.statistic) ? 'wait' : r.breach ? 'BREACH' : 'OK';
        return (
          <Text key={r.name} wrap="truncate-end" color={r.breach ? theme.critical : undefined} bold={r.breach}>
            {verdict.padEnd(6)} {r.name} {num(r.statistic)} <Text dimColor>alarm {alarmsWhen}</Text>
          </Text>
        );
      })}
      {hidden > 0 ? (
        <Text dimColor wrap="truncate-end">
          +{hidden} more (m scrolls)
        </Text>
      ) : null}
      {latest.map((l, i) => (
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
