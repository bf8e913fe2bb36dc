/**
 * What `tulip tui` prints after the UI closes: where the run stopped and its hash, and,
 * with `--out`, the summary.json and trace.jsonl it wrote (replayable with --replay).
 */
import { runSummary } from '../setup/summary.ts';
import { traceFromSimulation, traceJsonl } from '../report/trace-file.ts';
import { writeAtomically } from '../core/write-atomic.ts';
import type { Session } from './session.ts';

export function sessionReport(session: Session, out: string | undefined): string[] {
  const sim = session.sim;
  const summary = runSummary(sim);
  const lines = [`tulip tui: ${summary.scenario} stopped at tick ${sim.tick}/${sim.totalTicks}, trace hash ${summary.traceHash}`];
  if (out) {
    writeAtomically(out, { 'summary.json': `${JSON.stringify(summary, null, 2)}\n`, 'trace.jsonl': traceJsonl(traceFromSimulation(sim)) });
    lines.push(`wrote ${out}/summary.json and ${out}/trace.jsonl (replay: tulip run ${summary.scenario} --replay ${out}/trace.jsonl)`);
  }
  return lines;
}
