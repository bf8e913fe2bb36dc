/**
 * The UI thread's handle on a Session running in the simulation worker (sim-worker.ts):
 * it sends the UI state and commands, and hands on the dashboard data the worker posts.
 */
import { Worker } from 'node:worker_threads';
import { ScenarioError } from '../config/errors.ts';
import { BackendError } from '../models/backend.ts';
import type { OpenOptions } from './open-session.ts';
import type { SimCommand } from './keys.ts';
import type { TuiState } from './state.ts';
import type { Theme } from './theme.ts';
import type { DashboardData } from './view-model.ts';
import type { FromWorker, ToWorker, UiSync } from './worker-protocol.ts';

const ENTRY = new URL('./sim-worker-entry.js', import.meta.url);

export class SessionClient {
  /** The newest dashboard data, once the worker has posted any. */
  data: DashboardData | undefined;
  /** Why the worker stopped, if it crashed after opening. */
  failure: string | undefined;
  private listeners = new Set<(data: DashboardData) => void>();
  private failureListeners = new Set<(why: string) => void>();
  /** Pending questions: how to answer each, and what to answer if the worker dies first. */
  private replies = new Map<number, { resolve: (value: never) => void; fallback: unknown }>();
  private nextId = 0;

  private constructor(
    private readonly worker: Worker,
    readonly title: string,
    readonly limits: TuiState['limits'],
    readonly hasCounterfactual: boolean,
    readonly backendNote: string | undefined,
  ) {
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'data') {
        this.data = message.data;
        for (const listener of this.listeners) listener(message.data);
      } else if (message.type === 'reply') this.settle(message.id, message.text);
      else if (message.type === 'finished') this.settle(message.id, message.lines);
    });
    worker.on('error', (err: Error) => {
      this.failure = err.message;
      for (const listener of this.failureListeners) listener(err.message);
      // Nothing more will come: answer pending questions rather than hang.
      for (const [id, reply] of [...this.replies]) this.settle(id, reply.fallback);
    });
  }

  /** Starts a worker and opens the scenario in it; rejects with the error the worker met. */
  static open(file: string, options: Omit<OpenOptions, 'onBackend'>, theme: Theme): Promise<SessionClient> {
    const worker = new Worker(ENTRY);
    return new Promise((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        if (message.type === 'opened') {
          worker.off('message', onMessage);
          resolve(new SessionClient(worker, message.title, message.limits, message.hasCounterfactual, message.backendNote));
        } else if (message.type === 'failed') {
          void worker.terminate();
          // The same error types as in one thread, so the command line reports them the same way.
          const e = message.name === 'ScenarioError' ? Object.assign(new ScenarioError(file, []), { message: message.message }) : message.name === 'BackendError' ? new BackendError(message.message) : new Error(message.message);
          reject(e);
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      const open: ToWorker = { type: 'open', file, options, theme };
      worker.postMessage(open);
    });
  }

  private settle(id: number, value: unknown): void {
    this.replies.get(id)?.resolve(value as never);
    this.replies.delete(id);
  }

  private ask<T>(message: ToWorker & { id: number }, fallback: T): Promise<T> {
    return new Promise<T>((resolve) => {
      this.replies.set(message.id, { resolve: resolve as (value: never) => void, fallback });
      this.worker.postMessage(message);
    });
  }

  /** Calls `listener` with each new dashboard data; returns the unsubscribe function. */
  onData(listener: (data: DashboardData) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls `listener` if the worker crashes; returns the unsubscribe function. */
  onFailure(listener: (why: string) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  sync(ui: UiSync): void {
    const message: ToWorker = { type: 'ui', ui };
    this.worker.postMessage(message);
  }

  /** Runs a command in the worker; resolves with its notice. */
  command(command: SimCommand, state: TuiState): Promise<string> {
    return this.ask<string>({ type: 'command', id: this.nextId++, command, state }, 'the simulation worker has stopped');
  }

  /** Stops the simulation, writes --out files, and resolves with the report lines. */
  async finish(out: string | undefined): Promise<string[]> {
    if (this.failure) return [`tulip tui: the simulation worker failed: ${this.failure}`];
    const lines = await this.ask<string[]>({ type: 'finish', id: this.nextId++, out }, [`tulip tui: the simulation worker stopped before finishing`]);
    await this.worker.terminate();
    return lines;
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}
