#!/usr/bin/env node
// The `tulip` command.
// - Installed from npm, the package holds the compiled JavaScript in dist/ and no sources:
//   plain Node runs it, no TypeScript loader.
// - In a clone, src/ is there: the TypeScript sources run through tsx (resolved from this
//   package, not the caller's folder), so a clone needs no build step and never runs a
//   dist/ left over from an older build.
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

const sources = new URL('../src/cli/main.ts', import.meta.url);
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(sources.href);
} else {
  await import(new URL('../dist/cli/main.js', import.meta.url).href);
}
