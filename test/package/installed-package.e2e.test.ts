/**
 * `npm run test:package`: tulip-sim as a user gets it. `npm pack` (which builds dist/),
 * install the tarball into a fresh project in a temporary folder (its package.json has no
 * "type" field; dependencies come from the local npm cache, else the registry), then use
 * it there as a user would: the command, plain Node imports, a vitest suite with the
 * matchers, tsc on the types, and custom monitors in TypeScript and JavaScript.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, describeResult, runCommand, type CommandResult } from './run-command.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const USER_PROJECT = fileURLToPath(new URL('./user-project', import.meta.url));
const ROOT_PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };
const devVersions = ROOT_PACKAGE.devDependencies;

// A module hook that refuses to resolve anything from tsx: the installed command must run
// as plain JavaScript (tsx is there only to load a user's own modules).
const NO_TSX_HOOK = `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (/[\\\\/]node_modules[\\\\/]tsx[\\\\/]/.test(result.url)) throw new Error('tsx loaded at run time: ' + result.url);
  return result;
}\`));
`;

let work = '';
let project = '';

function expectOk(what: string, r: CommandResult): void {
  expect(r.code, describeResult(what, r)).toBe(0);
}

const inProject = (command: string, args: readonly string[]) => runCommand(command, args, { cwd: project });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'tulip-package-'));
  const packed = await runCommand('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: ROOT });
  expectOk('npm pack', packed);
  const tarball = join(work, packed.stdout.trim().split('\n').at(-1)!);
  project = join(work, 'project');
  cpSync(USER_PROJECT, project, { recursive: true });
  // The documented example itself, not a copy kept beside it: what the docs show is what is tested.
  cpSync(fileURLToPath(new URL('../../docs/examples/price-gap-monitor.ts', import.meta.url)), join(project, 'monitors', 'price-gap.ts'));
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'tulip-user', version: '1.0.0', private: true }, null, 2)}\n`);
  writeFileSync(join(work, 'no-tsx.mjs'), NO_TSX_HOOK);
  const deps = [tarball, `vitest@${devVersions.vitest}`, `typescript@${devVersions.typescript}`, `@types/node@${devVersions['@types/node']}`];
  expectOk('npm install', await inProject('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...deps]));
}, 900_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the installed package', () => {
  it('ships the built JavaScript and declarations, no TypeScript sources', () => {
    const installed = join(project, 'node_modules', 'tulip-sim');
    for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/testing/index.js', 'dist/testing/index.d.ts', 'dist/cli/main.js', 'dist/sweep/worker-entry.js', 'dist/tui/sim-worker-entry.js', 'scenarios/tulip-mania.yaml', 'bin/tulip.js']) {
      expect(existsSync(join(installed, file)), file).toBe(true);
    }
    expect(existsSync(join(installed, 'src'))).toBe(false);
  });

  it('npx tulip --help prints the usage', async () => {
    const r = await inProject('npx', ['tulip', '--help']);
    expectOk('npx tulip --help', r);
    expect(r.stdout).toContain('Usage: tulip');
  });

  it('npx tulip run tulip-mania --ticks 300 gives the trace hash the sources give', async () => {
    const installed = await inProject('npx', ['tulip', 'run', 'tulip-mania', '--ticks', '300', '--json']);
    expectOk('npx tulip run', installed);
    const clone = await runCommand(process.execPath, ['bin/tulip.js', 'run', 'tulip-mania', '--ticks', '300', '--json'], { cwd: ROOT });
    expectOk('node bin/tulip.js run (the sources)', clone);
    const summary = JSON.parse(installed.stdout) as { ticks: number; traceHash: string };
    expect(summary.ticks).toBe(300);
    expect(summary.traceHash).toBe((JSON.parse(clone.stdout) as { traceHash: string }).traceHash);
  });

  it('the command runs without any TypeScript loader (and the guard does catch one)', async () => {
    const hook = join(work, 'no-tsx.mjs');
    const bin = join(project, 'node_modules', 'tulip-sim', 'bin', 'tulip.js');
    expectOk('tulip run under the no-tsx guard', await inProject(process.execPath, ['--import', hook, bin, 'run', 'tulip-mania', '--ticks', '50']));
    const sources = await runCommand(process.execPath, ['--import', hook, 'bin/tulip.js', '--help'], { cwd: ROOT });
    expect(sources.code).not.toBe(0);
    expect(sources.stderr).toContain('tsx loaded at run time');
  });

  it('a sweep on two worker threads runs from dist/', async () => {
    const r = await inProject('npx', ['tulip', 'sweep', 'tulip-mania', '--seeds', '1..4', '--ticks', '60', '--chunk', '2', '--workers', '2', '--out', 'sweep']);
    expectOk('npx tulip sweep --workers 2', r);
    const rows = readFileSync(join(project, 'sweep', 'sweep.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(5);
  });

  it("the terminal UI's simulation worker thread starts from dist/", async () => {
    // Not an export of the package: the internal modules are imported by their file path.
    const dist = pathToFileURL(join(project, 'node_modules', 'tulip-sim', 'dist')).href;
    const script = [
      `import { SessionClient } from '${dist}/tui/session-client.js';`,
      `import { initialState } from '${dist}/tui/state.js';`,
      `import { themeFor } from '${dist}/tui/theme.js';`,
      `const scenario = '${join(project, 'node_modules', 'tulip-sim', 'scenarios', 'tulip-mania.yaml')}';`,
      "const client = await SessionClient.open(scenario, { ticks: 30, backend: 'auto' }, themeFor({}));",
      "const said = await client.command('step', initialState({ limits: client.limits, paused: true }));",
      'await client.terminate();',
      'console.log(JSON.stringify({ title: client.title, said }));',
    ].join('\n');
    // A file, not `node -e`: a worker thread inherits the parent's flags, and --input-type would refuse the worker's file.
    writeFileSync(join(work, 'tui-worker.mjs'), script);
    const r = await inProject(process.execPath, [join(work, 'tui-worker.mjs')]);
    expectOk('SessionClient from dist/', r);
    expect(JSON.parse(r.stdout)).toEqual({ title: 'Tulip mania', said: 'stepped to tick 1' });
  });

  it('plain Node 20 ESM imports tulip-sim and tulip-sim/testing', async () => {
    const script = [
      "import { VERSION, loadScenarioFile, buildSimulation, evaluateMonitor } from 'tulip-sim';",
      "import { runScenario, tulipMatchers } from 'tulip-sim/testing';",
      'console.log(JSON.stringify({ VERSION, types: [loadScenarioFile, buildSimulation, evaluateMonitor, runScenario].map((f) => typeof f), matchers: Object.keys(tulipMatchers).sort() }));',
    ].join('\n');
    const r = await inProject(process.execPath, ['--input-type=module', '-e', script]);
    expectOk('node -e import', r);
    const out = JSON.parse(r.stdout) as { VERSION: string; types: string[]; matchers: string[] };
    expect(out.VERSION).toBe(ROOT_PACKAGE.version);
    expect(out.types).toEqual(['function', 'function', 'function', 'function']);
    expect(out.matchers).toEqual(expect.arrayContaining(['toRaiseAlert', 'toDetectLoopWithin', 'toMatchTraceHash']));
  });

  it("the user's vitest suite (runScenario, evaluateMonitor, the matchers) passes", async () => {
    const r = await runCommand('npx', ['vitest', 'run', '--reporter=json', '--outputFile=vitest.json'], { cwd: project, env: cleanEnv({ CI: 'true' }) });
    expectOk('npx vitest run', r);
    const report = JSON.parse(readFileSync(join(project, 'vitest.json'), 'utf8')) as { numPassedTests: number; numFailedTests: number };
    expect(report).toMatchObject({ numPassedTests: 4, numFailedTests: 0 });
  });

  it('tsc --noEmit on the project resolves the types', async () => {
    expectOk('npx tsc --noEmit', await inProject('npx', ['tsc', '--noEmit', '-p', '.']));
  });

  it('a .ts and a .js monitor of the project (no "type" in its package.json) load with --monitor', async () => {
    const r = await inProject('npx', ['tulip', 'run', 'tulip-mania', '--ticks', '300', '--monitor', 'monitors/price-gap.ts', '--monitor', 'monitors/position-limit.js', '--json']);
    expectOk('npx tulip run --monitor', r);
    const alerts = (JSON.parse(r.stdout) as { alerts: { monitor: string }[] }).alerts.map((a) => a.monitor);
    expect(new Set(alerts)).toEqual(new Set(['price-gap', 'position-limit']));
  });
});
