import { Box, Text } from 'ink';
import type { TuiState } from '../state.ts';
import type { Theme } from '../theme.ts';
import { statsPart, MIN_COLUMNS, MIN_ROWS, type DashboardData } from '../view-model.ts';
import { Header } from './header.tsx';
import { PriceChart } from './price-chart.tsx';
import { TradersTable } from './traders-table.tsx';
import { EventLog } from './event-log.tsx';
import { MonitorPanel } from './monitor-panel.tsx';
import { Lesson } from './lesson.tsx';
import { StatusBar } from './status-bar.tsx';
import { Help } from './help.tsx';

export interface DashboardProps {
  /** What to draw, computed by dashboardData next to the simulation. */
  data: DashboardData;
  /** The UI state: the notice, help and measured stats are read from it. */
  state: TuiState;
  theme: Theme;
  /** Shown in the status bar while the simulation is inside one long tick. */
  busy?: string;
}

/** One run: chart, traders, events, monitors, lesson and status bar, sized to the terminal. */
export function Dashboard({ data, state, theme, busy }: DashboardProps) {
  const l = data.layout;
  if (l.tooSmall) {
    return (
      <Text>
        Terminal too small ({data.columns}x{data.rows}): tulip needs at least {MIN_COLUMNS}x{MIN_ROWS}. Enlarge it, or press q.
      </Text>
    );
  }
  // The wait, when there is one, right after the run state: the end of the bar is cut first on a narrow terminal.
  const parts = busy ? [data.status[0]!, busy, ...data.status.slice(1)] : data.status;
  const status = <StatusBar parts={[...parts, statsPart(state.stats)]} width={l.width} theme={theme} />;
  if (state.help || !data.chart) {
    return (
      <Box flexDirection="column">
        <Help title={data.title} lesson={data.lesson} width={l.width} height={data.rows - 2} theme={theme} />
        {status}
      </Box>
    );
  }
  const eventsWidth = l.sideBySide ? Math.floor(l.width * 0.6) : l.width;
  const notice = data.fitting ? `fitting ${data.fitting.join(', ')} on the warm-up history…` : state.notice;
  return (
    <Box flexDirection="column" width={l.width}>
      <Header title={data.title} chart={data.chart} notice={notice} width={l.width} theme={theme} />
      <PriceChart chart={data.chart} />
      {data.traders ? <TradersTable view={data.traders} width={l.width} theme={theme} /> : null}
      <Box>
        <EventLog lines={data.log} height={l.logLines} width={eventsWidth} theme={theme} />
        {l.sideBySide ? <MonitorPanel view={data.monitors} height={l.logLines} width={l.width - eventsWidth} theme={theme} /> : null}
      </Box>
      <Lesson lines={data.lessonLines} cut={data.lessonCut} expanded={data.lessonExpanded} />
      {status}
    </Box>
  );
}
