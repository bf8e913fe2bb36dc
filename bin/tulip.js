#!/usr/bin/env node
// The `tulip` command. The sources are TypeScript, loaded through tsx so that a clone
// runs without a build step; tsx is resolved from this package, not the caller's folder.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
