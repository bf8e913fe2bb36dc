/**
 * Splits what the terminal delivered at once into single key presses. Keys typed faster
 * than stdin is read, pasted, or sent by `tmux send-keys` reach ink as one string
 * ("\ts", "]]]]", "b\x1b[C"), which ink hands to `useInput` as one unknown "key". Each
 * press here is applied in order, so none is lost or misread.
 */
import type { KeyInfo } from './keys.ts';

export interface KeyPress {
  /** The printable character ('' for a named key such as tab or an arrow). */
  input: string;
  key: KeyInfo;
}

const ESC = '\u001B';

/** Named keys by the final byte of their CSI / SS3 sequence (ESC [ C, ESC O C, ...). */
const CSI_KEYS: Record<string, KeyInfo> = {
  A: { upArrow: true },
  B: { downArrow: true },
  C: { rightArrow: true },
  D: { leftArrow: true },
  Z: { tab: true, shift: true },
};

/** Control characters a burst can carry, as the keys they are. */
function controlKey(ch: string): KeyPress | undefined {
  const code = ch.charCodeAt(0);
  if (ch === '\t') return { input: '', key: { tab: true } };
  if (ch === '\r' || ch === '\n') return { input: '', key: { return: true } };
  if (ch === '\u007F' || ch === '\b') return { input: '', key: { backspace: true } };
  // Ctrl-A .. Ctrl-Z arrive as bytes 1..26; ink reports them as the letter with ctrl.
  if (code >= 1 && code <= 26) return { input: String.fromCharCode(code + 96), key: { ctrl: true } };
  return undefined;
}

/** The escape sequence starting at `i` (ESC already seen): its length and key. */
function escapeSequence(text: string, i: number): { length: number; press: KeyPress } {
  const kind = text[i + 1];
  if (kind === '[' || kind === 'O') {
    let j = i + 2;
    // Parameter and intermediate bytes, then one final byte.
    while (j < text.length && /[0-9;?<=> !"#$%&'()*+,\-./:]/.test(text[j]!)) j++;
    if (j < text.length) {
      const final = text[j]!;
      return { length: j - i + 1, press: { input: '', key: CSI_KEYS[final] ?? { escape: true } } };
    }
  }
  return { length: 1, press: { input: '', key: { escape: true } } };
}

/** Each key press in `text`, in order. */
export function splitChunk(text: string): KeyPress[] {
  const presses: KeyPress[] = [];
  for (let i = 0; i < text.length; ) {
    // A code point, not a UTF-16 unit, so an emoji stays one press.
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (ch === ESC) {
      const { length, press } = escapeSequence(text, i);
      presses.push(press);
      i += length;
      continue;
    }
    presses.push(controlKey(ch) ?? { input: ch, key: {} });
    i += ch.length;
  }
  return presses;
}

/**
 * What ink handed over, as single presses: a key ink already recognised (an arrow, tab,
 * Ctrl-C) stays as it is; a string of several characters is split.
 */
export function keyPresses(input: string, key: KeyInfo): KeyPress[] {
  if (Array.from(input).length <= 1) return [{ input, key }];
  return splitChunk(input);
}
