/**
 * Text helpers shared by the panels: the lesson on one line, word wrapping, signed numbers.
 */
import type { Session } from '../session.ts';

/** The lesson text, on one line (the views wrap it). */
export function lessonText(session: Session): string {
  return session.lesson.replace(/\s+/g, ' ').trim();
}

/** Word-wraps `text` to `width` columns and keeps at most `lines` lines, ending in … when cut. */
export function wrapText(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line) out.push(line);
  if (out.length <= lines) return out.map((l) => l.slice(0, width));
  const kept = out.slice(0, lines);
  const last = kept[lines - 1]!;
  kept[lines - 1] = `${last.slice(0, Math.max(0, width - 1))}…`;
  return kept.map((l) => l.slice(0, width));
}

/** Signed number with fixed decimals. */
export function signed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  return `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;
}

/**
 * A signed bar `2 × half + 1` characters wide, centred on `│`: filled to the right for a
 * positive value, to the left for a negative one, `half` cells standing for `scale`.
 * A value too small for one cell but not zero shows one thin cell, so "a little" differs
 * from "nothing".
 */
export function signedBar(value: number, scale: number, half: number): string {
  const cells = Number.isFinite(value) && scale > 0 ? Math.min(half, Math.round((Math.abs(value) / scale) * half)) : 0;
  const thin = cells === 0 && Number.isFinite(value) && Math.abs(value) > scale * 1e-3;
  const left = value < 0 ? '·'.repeat(half - Math.max(cells, thin ? 1 : 0)) + (thin ? '▕' : '█'.repeat(cells)) : '·'.repeat(half);
  const right = value > 0 ? (thin ? '▏' : '█'.repeat(cells)) + '·'.repeat(half - Math.max(cells, thin ? 1 : 0)) : '·'.repeat(half);
  return `${left}│${right}`;
}
