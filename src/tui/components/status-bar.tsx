import { Text } from 'ink';
import type { Theme } from '../theme.ts';
import { statusLine } from '../view-model.ts';

export interface StatusBarProps {
  /** The pieces, in order (statusParts). */
  parts: string[];
  width: number;
  theme: Theme;
}

/** tick / total, seed, speed, backend, worlds, hash prefix, fps and ticks/s. */
export function StatusBar({ parts, width, theme }: StatusBarProps) {
  return <Text inverse={theme.color}>{statusLine(parts, width)}</Text>;
}
