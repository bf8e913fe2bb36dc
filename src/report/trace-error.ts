/** Bad trace input: the CLI prints the message and exits 2. */
export class TraceError extends Error {
  override readonly name = 'TraceError';
}
