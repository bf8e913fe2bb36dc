/**
 * A sweep worker, as a thread or as a child process: the same code answers the same
 * messages over either channel (a thread's parentPort, a child's IPC pipe with V8
 * serialisation; both keep NaN and -0 exact). Loaded by worker-entry.js, which registers
 * tsx first.
 *
 * The worker loads tfjs and the simulation modules as soon as it starts, before it knows
 * the sweep, so that cost overlaps the main thread's planning; then it takes the sweep's
 * spec once and runs chunks one after another, reusing its loaded scenarios.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BOOT_ENV, type WorkerBoot, type WorkerReply, type WorkerRequest, type WorkerUsage } from './worker-protocol.ts';

interface Channel {
  send(reply: WorkerReply): void;
  onRequest(handler: (request: WorkerRequest) => void): void;
}

function threadChannel(): Channel {
  return { send: (reply) => parentPort!.postMessage(reply), onRequest: (handler) => parentPort!.on('message', handler) };
}

function processChannel(): Channel {
  // An orphaned worker (the sweep's process died) has nothing left to do.
  process.on('disconnect', () => process.exit(0));
  return { send: (reply) => process.send!(reply), onRequest: (handler) => process.on('message', handler) };
}

function usage(): WorkerUsage {
  const u = process.resourceUsage(); // kilobytes and microseconds
  return { maxRssBytes: u.maxRSS * 1024, cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6 };
}

async function serve(channel: Channel, boot: WorkerBoot): Promise<void> {
  // Loading tfjs and the simulation is the start-up cost; pay it before the first chunk arrives.
  const [{ selectBackend }, { ChunkRunner }] = await Promise.all([import('../models/backend.ts'), import('./chunk.ts')]);
  await selectBackend(boot.backend);
  let runner: InstanceType<typeof ChunkRunner> | undefined;
  let queue = Promise.resolve();
  channel.onRequest((request) => {
    if (request.type === 'spec') {
      runner = new ChunkRunner(request.spec);
      return;
    }
    // Chained, so chunks run one after another even if the pool sends ahead.
    queue = queue.then(async () => {
      const { id, chunk } = request;
      try {
        if (!runner) throw new Error('a chunk arrived before the sweep spec');
        const rows = await runner.rows(chunk, (fraction) => channel.send({ type: 'fraction', id, fraction }));
        channel.send({ type: 'rows', id, rows, usage: usage() });
      } catch (err) {
        channel.send({ type: 'error', id, error: (err as Error).message });
      }
    });
  });
  channel.send({ type: 'ready', usage: usage() });
}

const isThread = parentPort !== null;
const boot: WorkerBoot = isThread ? (workerData as WorkerBoot) : (JSON.parse(process.env[BOOT_ENV] ?? '{}') as WorkerBoot);
await serve(isThread ? threadChannel() : processChannel(), boot);
