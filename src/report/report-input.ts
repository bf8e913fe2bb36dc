/**
 * What a report draws: a trace (charts), its summary and its scenario. Gathered by
 * report.ts from a run or a run folder, laid out by html.ts.
 */
import type { RunSummary } from '../setup/summary.ts';
import type { ChartInput } from './charts.ts';

export interface ReportScenario {
  /** The scenario file the lesson and parameters come from. */
  source: string;
  title?: string;
  lesson?: string;
  /** The scenario's fields as written (after --set overrides). */
  params: Record<string, unknown>;
  /** A caveat on where these came from, printed under the parameters. */
  note?: string;
}

export interface ReportInput extends ChartInput {
  summary?: RunSummary;
  scenario?: ReportScenario;
}

