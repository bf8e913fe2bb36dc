/**
 * The terminal's size, updated on resize. `fixed` overrides it (tests render at 80x24).
 */
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

const CLEAR_SCREEN = '\x1b[2J\x1b[3J\x1b[H';

export interface TerminalSize {
  columns: number;
  rows: number;
}

export function useTerminalSize(fixed?: TerminalSize): TerminalSize {
  const { stdout } = useStdout();
  const read = (): TerminalSize => fixed ?? { columns: stdout.columns || 80, rows: stdout.rows || 24 };
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed) return;
    const onResize = () => {
      // The terminal has reflowed (or cut) the old frame, so ink's erasing of its last
      // frame line by line misses; start from a clean screen (we are in the alternate one).
      if (stdout.isTTY) stdout.write(CLEAR_SCREEN);
      setSize({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
    };
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return fixed ?? size;
}
