import { Box, Text } from 'ink';
import type { ChartView } from '../view-model.ts';
import { paintRuns } from '../ansi.ts';

export interface PriceChartProps {
  /** The chart, laid out by chartView. */
  chart: ChartView;
}

/**
 * The plot area with its y labels; the x axis with event markers (◆ bug on, ▲
 * intervention, ! alert) and `┬` under labelled ticks; the tick numbers.
 */
export function PriceChart({ chart }: PriceChartProps) {
  const pad = ' '.repeat(chart.labels[0]?.length ?? 0);
  return (
    <Box flexDirection="column">
      {chart.rows.map((runs, r) => (
        <Text key={r} wrap="truncate-end">
          <Text dimColor>{chart.labels[r]} ┤</Text>
          {paintRuns(runs)}
        </Text>
      ))}
      <Text wrap="truncate-end">
        <Text dimColor>{pad} └</Text>
        {paintRuns(chart.axis)}
      </Text>
      <Text wrap="truncate-end" dimColor>
        {`${'tick'.padStart(pad.length)}  ${chart.tickLabels}`}
      </Text>
    </Box>
  );
}
