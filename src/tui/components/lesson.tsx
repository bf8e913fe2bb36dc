import { Box, Text } from 'ink';

export interface LessonProps {
  /** The lesson, already wrapped to the width (wrapText). */
  lines: string[];
}

/** The scenario's `lesson:` text, as much as fits (the help screen shows all of it). */
export function Lesson({ lines }: LessonProps) {
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i} italic dimColor>
          {l}
        </Text>
      ))}
    </Box>
  );
}
