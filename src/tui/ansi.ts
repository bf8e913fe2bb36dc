/**
 * Colouring runs of text with ANSI escapes directly. The chart has many short coloured
 * runs per row; one <Text> per row holding escapes costs ink a fraction of the layout
 * work of one <Text> per run (measured: the dashboard's frame time fell from ~25 ms).
 * Colour names are those the theme uses; an unknown or undefined colour is plain text.
 */

const SGR: Record<string, number> = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37, gray: 90 };

export function paint(text: string, color: string | undefined): string {
  const code = color === undefined ? undefined : SGR[color];
  return code === undefined ? text : `\x1b[${code}m${text}\x1b[39m`;
}

/** A row of runs as one string. */
export function paintRuns(runs: readonly { text: string; color?: string }[]): string {
  return runs.map((r) => paint(r.text, r.color)).join('');
}
