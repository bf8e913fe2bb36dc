/**
 * Importing a user's own module (a custom monitor) from anywhere on disk, whatever its
 * folder's package.json says.
 *
 * Every user module, TypeScript or JavaScript, goes through tsx's `tsImport`, a loader
 * scoped to this one import, because plain `import()` is not enough:
 * - the installed package runs as plain JavaScript from dist/ with no TypeScript loader;
 * - a `.ts` or ESM `.js` file beside a package.json without `"type": "module"` is
 *   CommonJS to Node: Node 20 before 20.19 refuses its `export`, later ones reparse it
 *   with a warning, and under a clone's global tsx hooks it fails with "Cannot require()
 *   ES Module … in a cycle".
 * tsx is loaded only when a scenario names a custom module.
 *
 * The module's default export comes back; a CommonJS-compiled module's `exports.default`
 * (what `export default` becomes in a CommonJS folder) counts as its default export.
 */
import { pathToFileURL } from 'node:url';

/** The module's namespace, with `default` unwrapped from CommonJS interop when needed. */
export async function importUserModule(file: string): Promise<{ default?: unknown }> {
  const { tsImport } = await import('tsx/esm/api');
  const mod = (await tsImport(pathToFileURL(file).href, import.meta.url)) as { default?: unknown };
  return { ...mod, default: unwrapInteropDefault(mod.default) };
}

function unwrapInteropDefault(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && 'default' in value && typeof (value as { default: unknown }).default === 'function') {
    return (value as { default: unknown }).default;
  }
  return value;
}
