/**
 * The one error type for bad scenario input. The CLI prints its message and exits 2,
 * with no stack trace: the message alone must tell the user what to change.
 */
export interface ScenarioProblem {
  /** Where the bad value sits: `market.assets.X.initialPrice`; empty for the whole file. */
  path: string;
  /** 1-based line in the file, where known. */
  line?: number;
  /** What is wrong and what is allowed. */
  message: string;
  /** Where the value came from when not the file itself, e.g. `--set models.A.lr=-1`. */
  origin?: string;
}

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';

  constructor(
    /** The file (or `--set`) the problems come from. */
    readonly source: string,
    readonly problems: ScenarioProblem[],
  ) {
    super(problems.map((p) => formatProblem(source, p)).join('\n'));
  }
}

export function formatProblem(source: string, problem: ScenarioProblem): string {
  const where = problem.origin ?? (problem.line !== undefined ? `${source}:${problem.line}` : source);
  return problem.path ? `${where}: ${problem.path}: ${problem.message}` : `${where}: ${problem.message}`;
}
