/**
 * `tulip check [scenario...]`: evaluates each scenario's `expect:` checks and exits 1
 * naming every failed check.
 */
import type { Command } from 'commander';
import { loadScenarioFile } from '../setup/loader.ts';
import { describeResult, evaluateExpectations } from '../setup/expect.ts';
import { scenarioName } from '../setup/build.ts';
import type { BackendChoice } from '../models/backend.ts';
import { backendChoice, bankChoice, BANK_HELP, resolveScenario, shippedScenarios, withBank, type BankChoice } from './options.ts';

export function addCheckCommand(program: Command): void {
  program
    .command('check')
    .description('evaluate the expect: checks of scenarios (default: all shipped scenarios)')
    .argument('[scenario...]', 'scenario files or names')
    .option('--backend <name>', 'tfjs backend: auto, tensorflow, wasm or cpu', backendChoice, 'auto')
    .option('--bank <name>', BANK_HELP, bankChoice)
    .action(async (scenarios: string[], options: { backend: BackendChoice; bank?: BankChoice }) => {
      const files = scenarios.length > 0 ? scenarios.map(resolveScenario) : shippedScenarios();
      // Load them all first, so a bad file is reported before any long run starts.
      const loaded = files.map((f) => loadScenarioFile(f, withBank([], options.bank)));
      let failed = 0;
      let noted = false;
      for (const scenario of loaded) {
        const name = scenarioName(scenario.source);
        if (!scenario.config.expect) {
          process.stdout.write(`${name}: no expect: block\n`);
          continue;
        }
        const results = await evaluateExpectations(scenario, {
          backend: options.backend,
          onBackend: (note) => {
            if (!noted) process.stderr.write(`${note}\n`);
            noted = true;
          },
        });
        for (const r of results) {
          process.stdout.write(`${r.passed ? 'ok  ' : 'FAIL'} ${name}: ${r.name}: ${describeResult(r)}${r.passed ? '' : ` -- ${r.why}`}\n`);
          if (!r.passed) failed++;
        }
      }
      if (failed > 0) {
        process.stdout.write(`${failed} check(s) failed\n`);
        process.exitCode = 1;
      }
    });
}
