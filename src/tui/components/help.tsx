import { Box, Text } from 'ink';
import { KEY_HELP } from '../keys.ts';
import { wrapText } from '../view-model.ts';
import type { Theme } from '../theme.ts';

export interface HelpProps {
  title: string;
  lesson: string;
  width: number;
  /** Rows available (the lesson is cut to fit under the keys). */
  height: number;
  theme: Theme;
}

/** What the screen's marks and short names mean. */
export const GLOSSARY: readonly string[] = [
  'chart: ─ price · value + same seed without the bug; under it ◆ bug on ▲ intervention ! alert',
  'traders: bars are this tick’s orders (right of │ buys, left sells); fund. = fundamentalists',
  'A ⇒ X ⇐ B: both models push the price the same way; monitors: OK / BREACH vs the alarm condition',
];

/** Keys, what the marks mean, and the whole lesson. Any key closes it. */
export function Help({ title, lesson, width, height, theme }: HelpProps) {
  const lessonLines = wrapText(lesson, width, Math.max(1, height - KEY_HELP.length - GLOSSARY.length - 4));
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={theme.title}>
        {title} · keys
      </Text>
      {KEY_HELP.map(([key, what]) => (
        <Text key={key} wrap="truncate-end">
          <Text bold>{key.padStart(8)}</Text> {what}
        </Text>
      ))}
      {GLOSSARY.map((line) => (
        <Text key={line} dimColor wrap="truncate-end">
          {line}
        </Text>
      ))}
      <Text> </Text>
      {lessonLines.map((l, i) => (
        <Text key={i} italic>
          {l}
        </Text>
      ))}
    </Box>
  );
}
