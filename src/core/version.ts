import { readFileSync } from 'node:fs';

/** The package version, read from package.json (part of every trace header). */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
