/**
 * The simulation worker: runs a Session off the UI thread, so a long tick (a training
 * round, the warm-up fit) never freezes the screen or the keys. It steps by the UI's
 * speed between frames, and after each frame that changed anything posts the dashboard's
 * data. Started through sim-worker-entry.js, which registers tsx first.
 */
import { parentPort } from 'node:worker_threads';
import { openSession } from './open-session.ts';
import type { Session } from './session.ts';
import { runCommand } from './use-tui-keys.ts';
import { planTicks } from './use-simulation-loop.ts';
import { dashboardData } from './view-model.ts';
import { sessionReport } from './session-report.ts';
import type { FromWorker, ToWorker, UiSync } from './worker-protocol.ts';
import type { Theme } from './theme.ts';

const port = parentPort;
if (!port) throw new Error('sim-worker.ts runs as a worker thread (see session-client.ts)');

/** Frames per second the worker posts at most. */
const FPS = 30;
/** Time per frame the worker may spend simulating (ms); the UI thread draws meanwhile. */
const BUDGET_MS = 25;

let session: Session | undefined;
let theme: Theme = { color: false };
let ui: UiSync | undefined;
let dirty = true;
let timer: NodeJS.Timeout | undefined;

const post = (message: FromWorker) => port.postMessage(message);
const now = () => performance.now();

function startLoop(): void {
  let last = now();
  let carry = 0;
  const frame = () => {
    const start = now();
    if (session && ui) {
      const plan = planTicks(session, ui.state, start - last, carry);
      carry = plan.carry;
      const catchUp = ui.state.counterfactual && session.counterfactualBehind();
      if (plan.ticks > 0 || catchUp) {
        const done = session.advance(plan.ticks, BUDGET_MS, now, ui.state.counterfactual);
        if (done.ticks > 0 || done.counterfactualTicks > 0) dirty = true;
      }
      if (dirty) {
        dirty = false;
        post({ type: 'data', data: dashboardData(session, ui.state, ui.columns, ui.rows, theme) });
      }
    }
    last = start;
    timer = setTimeout(frame, Math.max(0, 1000 / FPS - (now() - start)));
  };
  timer = setTimeout(frame, 0);
}

async function open(message: Extract<ToWorker, { type: 'open' }>): Promise<void> {
  theme = message.theme;
  let backendNote: string | undefined;
  try {
    session = await openSession(message.file, { ...message.options, onBackend: (note) => (backendNote = note) });
  } catch (err) {
    const e = err as Error;
    post({ type: 'failed', name: e.name, message: e.message });
    return;
  }
  const p = session.sim.parts;
  post({ type: 'opened', title: session.title, limits: { models: p.roles.length, assets: p.market.assets, worlds: session.sim.worlds }, hasCounterfactual: session.counterfactual !== undefined, backendNote });
  startLoop();
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'open':
      void open(message);
      break;
    case 'ui':
      ui = message.ui;
      dirty = true;
      break;
    case 'command': {
      if (!session) break;
      // The command's state is the newest (e.g. paused by `n`): take it before stepping on.
      if (ui) ui = { ...ui, state: message.state };
      post({ type: 'reply', id: message.id, text: runCommand(session, message.command, message.state) });
      dirty = true;
      break;
    }
    case 'finish': {
      clearTimeout(timer);
      const lines = session ? sessionReport(session, message.out) : [];
      session?.dispose();
      session = undefined;
      post({ type: 'finished', id: message.id, lines });
      break;
    }
  }
});
