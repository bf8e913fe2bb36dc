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

/** Keys, and the whole lesson. Any key closes it. */
export function Help({ title, lesson, width, height, theme }: HelpProps) {
  const lessonLines = wrapText(lesson, width, Math.max(1, height - KEY_HELP.length - 4));
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
      <Text> </Text>
      {lessonLines.map((l, i) => (
        <Text key={i} italic>
          {l}
        </Text>
      ))}
    </Box>
  );
}
