/**
 * A mistake in a sweep's input or output folders: bad --seeds, --vary, --shard, an --out
 * folder of another sweep, shards that do not cover a sweep exactly once. The command
 * line prints the message alone (exit code 2, no stack trace).
 */
export class SweepError extends Error {
  override readonly name = 'SweepError';
}
