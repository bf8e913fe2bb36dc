/**
 * The default number of workers: one per core, capped by what free memory holds, and the
 * words that say so; an explicit --workers that may not fit gets a warning.
 */
import { describe, expect, it } from 'vitest';
import { defaultWorkers, memoryWarning, workerPeakBytes, WORKER_BYTES_PER_WORLD, WORKER_START_BYTES } from '../../src/sweep/capacity.ts';

const GiB = 2 ** 30;

describe('default workers', () => {
  it('estimates a worker as its start-up plus its chunk of worlds', () => {
    expect(workerPeakBytes(500)).toBe(WORKER_START_BYTES + 500 * WORKER_BYTES_PER_WORLD);
    expect(workerPeakBytes(100)).toBeLessThan(workerPeakBytes(500));
  });

  it('takes one per core when memory holds them', () => {
    expect(defaultWorkers({ cores: 2, freeBytes: 20 * GiB }, 500)).toEqual({ workers: 2, why: 'one per core (2 cores; --workers N to change)' });
    expect(defaultWorkers({ cores: 1, freeBytes: 20 * GiB }, 500).why).toBe('one per core (1 core; --workers N to change)');
  });

  it('takes fewer when free memory cannot hold one per core, and says why', () => {
    const free = 3 * workerPeakBytes(500) / 0.8 + 1;
    const choice = defaultWorkers({ cores: 16, freeBytes: free }, 500);
    expect(choice.workers).toBe(3);
    expect(choice.why).toMatch(/^not one per core \(16 cores\): \d+\.\d GB of free memory holds 3 workers of ~\d+ MB at --chunk 500 \(a smaller --chunk fits more\)$/);
    // A smaller chunk fits more workers in the same memory.
    expect(defaultWorkers({ cores: 16, freeBytes: free }, 50).workers).toBeGreaterThan(3);
  });

  it('keeps at least one worker however little memory is free', () => {
    expect(defaultWorkers({ cores: 8, freeBytes: 0 }, 500).workers).toBe(1);
  });

  it('warns when an explicit --workers may not fit', () => {
    expect(memoryWarning({ cores: 2, freeBytes: 20 * GiB }, 2, 500)).toBeUndefined();
    expect(memoryWarning({ cores: 2, freeBytes: 0.5 * GiB }, 1, 500)).toBeUndefined();
    expect(memoryWarning({ cores: 64, freeBytes: 2 * GiB }, 32, 500)).toMatch(/^32 workers at --chunk 500 may need ~\d+\.\d GB, more than the 2\.0 GB free; fewer workers or a smaller --chunk avoid swapping$/);
  });
});
