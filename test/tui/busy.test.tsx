import { afterEach, describe, expect, it, vi } from 'vitest';
import { Text } from 'ink';
import { render, cleanup } from 'ink-testing-library';
import { busyLabel, useBusyIndicator } from '../../src/tui/use-busy-indicator.ts';
import type { SessionClient } from '../../src/tui/session-client.ts';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** A client whose data the test posts by hand. */
function fakeClient() {
  const listeners = new Set<() => void>();
  const client = { onData: (l: () => void) => (listeners.add(l), () => listeners.delete(l)) } as unknown as SessionClient;
  return { client, post: () => listeners.forEach((l) => l()) };
}

function Probe({ client, active, now }: { client: SessionClient; active: boolean; now: () => number }) {
  return <Text>[{useBusyIndicator(client, active, now) ?? 'idle'}]</Text>;
}

describe('busy indicator', () => {
  it('says how long the current tick has taken, with a spinner', () => {
    expect(busyLabel(1234, 0)).toBe('⠋ one tick, 1.2 s');
    expect(busyLabel(1234, 1)).not.toBe(busyLabel(1234, 0));
  });

  it('appears when no data came for a while during a run, and goes when data comes', async () => {
    vi.useFakeTimers();
    let t = 0;
    const now = () => t;
    const { client, post } = fakeClient();
    const { lastFrame } = render(<Probe client={client} active now={now} />);
    t = 100;
    await vi.advanceTimersByTimeAsync(70);
    expect(lastFrame()).toBe('[idle]');
    t = 900;
    await vi.advanceTimersByTimeAsync(140);
    expect(lastFrame()).toMatch(/one tick, 0\.9 s/);
    post();
    await vi.advanceTimersByTimeAsync(140);
    expect(lastFrame()).toBe('[idle]');
  });

  it('stays away while paused', async () => {
    vi.useFakeTimers();
    let t = 0;
    const { client } = fakeClient();
    const { lastFrame } = render(<Probe client={client} active={false} now={() => t} />);
    t = 5000;
    await vi.advanceTimersByTimeAsync(500);
    expect(lastFrame()).toBe('[idle]');
  });
});
