/**
 * While the simulation worker is inside one long tick (a training round, the warm-up
 * fit), no new data comes and the screen would stand still. This hook notices the wait
 * and returns a spinner frame and the seconds waited, refreshed ~15 times a second, so
 * the status bar shows that the program is working and for how long.
 */
import { useEffect, useRef, useState } from 'react';
import type { SessionClient } from './session-client.ts';

/** How long without new data (ms) before the wait is shown. */
const SHOW_AFTER_MS = 150;
/** Spinner refresh interval (ms). */
const REFRESH_MS = 66;
const SPINNER = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';

/** The status bar's piece for a wait: "⠹ one tick, 1.2 s". */
export function busyLabel(waitedMs: number, frame: number): string {
  return `${SPINNER[frame % SPINNER.length]} one tick, ${(waitedMs / 1000).toFixed(1)} s`;
}

/**
 * The busy label while the worker has posted nothing for a while although the run should
 * advance (`active`), else undefined.
 */
export function useBusyIndicator(client: SessionClient, active: boolean, now: () => number): string | undefined {
  const lastData = useRef(now());
  const [label, setLabel] = useState<string | undefined>(undefined);
  useEffect(() => client.onData(() => (lastData.current = now())), [client, now]);
  useEffect(() => {
    if (!active) {
      setLabel(undefined);
      return;
    }
    let frame = 0;
    const timer = setInterval(() => {
      const waited = now() - lastData.current;
      setLabel(waited > SHOW_AFTER_MS ? busyLabel(waited, frame++) : undefined);
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, now]);
  return label;
}
