import { Box, Text } from 'ink';

export interface LessonProps {
  /** The lesson, already wrapped to the width (wrapText). */
  lines: string[];
  /** Whether more of the lesson exists than is shown (then `l` shows it all). */
  cut: boolean;
  expanded: boolean;
}

/** The scenario's `lesson:` text: as much as fits, or all of it with `l`. */
export function Lesson({ lines, cut, expanded }: LessonProps) {
  const hint = expanded ? ' (l: less)' : cut ? ' (l: more)' : '';
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i} italic dimColor wrap="truncate-end">
          {l}
          {i === lines.length - 1 && hint ? <Text bold>{hint}</Text> : null}
        </Text>
      ))}
    </Box>
  );
}
