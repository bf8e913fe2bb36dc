/**
 * A user's monitor module loads from any folder: TypeScript or JavaScript (ESM or
 * CommonJS) beside a package.json without a "type" field, which Node reads as CommonJS.
 * (The installed package does the same from dist/: installed-package.e2e.test.ts.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importUserModule } from '../../src/monitors/user-module.ts';
import type { MonitorFactory, MonitorView } from '../../src/monitors/monitor.ts';

const PRICE_GAP_TS = readFileSync(new URL('../../docs/examples/price-gap-monitor.ts', import.meta.url), 'utf8');
const ESM_JS = 'export default function quiet(options) { return { observe: () => ({ statistic: options.level, threshold: 1 }) }; }\n';
const CJS_JS = 'module.exports = function quiet(options) { return { observe: () => ({ statistic: options.level, threshold: 1 }) }; };\n';

let folder = '';

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'tulip-user-module-'));
  writeFileSync(join(folder, 'package.json'), '{ "name": "team-monitors", "version": "1.0.0" }\n');
  writeFileSync(join(folder, 'price-gap.ts'), PRICE_GAP_TS);
  writeFileSync(join(folder, 'esm.js'), ESM_JS);
  writeFileSync(join(folder, 'cjs.js'), CJS_JS);
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

const view = { price: () => 130, fundamental: () => 100 } as unknown as MonitorView;

describe('importUserModule', () => {
  it('loads a .ts monitor from a folder whose package.json has no "type"', async () => {
    const factory = (await importUserModule(join(folder, 'price-gap.ts'))).default as MonitorFactory;
    expect(typeof factory).toBe('function');
    const reading = factory({ threshold: 0.05, alpha: 1 }, 0).observe(view);
    expect(reading.statistic).toBeCloseTo(0.3, 12);
    expect(reading.threshold).toBe(0.05);
  });

  it('loads ESM and CommonJS .js monitors there too', async () => {
    for (const file of ['esm.js', 'cjs.js']) {
      const factory = (await importUserModule(join(folder, file))).default as MonitorFactory;
      expect(typeof factory, file).toBe('function');
      expect(factory({ level: 0.5 }, 0).observe(view).statistic, file).toBe(0.5);
    }
  });

  it('a module that does not parse is an error naming the file', async () => {
    writeFileSync(join(folder, 'broken.ts'), 'export default (options => {\n');
    await expect(importUserModule(join(folder, 'broken.ts'))).rejects.toThrow(/broken\.ts/);
  });
});
