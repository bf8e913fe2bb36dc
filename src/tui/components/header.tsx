import { Box, Text } from 'ink';
import type { ChartView } from '../view-model.ts';
import type { Theme } from '../theme.ts';

export interface HeaderProps {
  /** The scenario's title. */
  title: string;
  /** The chart whose title and legend are shown. */
  chart: ChartView;
  /** Feedback on the last command, shown on the right. */
  notice?: string;
  width: number;
  theme: Theme;
}

/** One line: scenario title, what the chart shows and its legend; the last notice on the right. */
export function Header({ title, chart, notice, width, theme }: HeaderProps) {
  // The legend must stay readable: drop the chart's long title first when it does not fit.
  const legendLength = chart.legend.reduce((n, l) => n + 2 + l.glyph.length + l.name.length, 0);
  const room = width - (notice ? Math.min(notice.length, Math.floor(width / 2)) + 1 : 0);
  const chartTitle = title.length + 3 + chart.title.length + 1 + legendLength <= room ? chart.title : chart.shortTitle;
  return (
    <Box width={width} justifyContent="space-between">
      <Text wrap="truncate-end">
        <Text bold color={theme.title}>
          {title}
        </Text>
        <Text> · {chartTitle} </Text>
        {chart.legend.map((l) => (
          <Text key={l.name}>
            {' '}
            <Text color={l.color}>{l.glyph}</Text> {l.name}
          </Text>
        ))}
      </Text>
      {notice ? (
        <Box flexShrink={0} marginLeft={1}>
          <Text bold color={theme.intervention} wrap="truncate-end">
            {notice.slice(0, Math.max(0, Math.floor(width / 2)))}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
