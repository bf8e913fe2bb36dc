/**
 * docs/sweeps.md shows the Slurm job script that test/cluster submits: the file
 * docs/examples/slurm-sweep.sh, verbatim, so the documented script is the tested one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('the documented Slurm job script', () => {
  it('is docs/examples/slurm-sweep.sh, verbatim', () => {
    const script = read('docs/examples/slurm-sweep.sh');
    expect(script).toContain('--shard-from-env');
    expect(read('docs/sweeps.md')).toContain('```sh\n' + script + '```\n');
  });
});
