// `npm run build` (and `prepack`): compiles src/ to dist/ — JavaScript, declarations and
// source maps (sources inlined, as the package ships no src/) — after emptying dist/ so
// no file of an older build survives, then copies the plain-JavaScript worker entries
// that tsc does not compile (src/sweep/worker-entry.js, src/tui/sim-worker-entry.js).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const dist = join(root, 'dist');

function plainJavaScriptFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => join(e.parentPath ?? e.path, e.name)); // parentPath from Node 20.12, path before
}

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (compiled.status !== 0) {
  process.stderr.write('build: tsc failed; dist/ is incomplete\n');
  process.exit(compiled.status ?? 1);
}
for (const file of plainJavaScriptFiles(src)) {
  const target = join(dist, relative(src, file));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(file, target);
}
process.stdout.write('build: dist/ written\n');
