/**
 * The layers of src/, ground floor first (docs/architecture.md draws them). A file may
 * import its own folder and any folder on an earlier line, never a later one, and no
 * import may close a cycle. `npm run lint` runs this check.
 */
const layers = [
  ['core'], // random streams, tick history, events, hashing, quantiles, atomic writes
  ['config'], // the scenario schema and naming helpers
  ['stats'], // statistics of the monitors and the analysis
  ['world'], // the per-world typed arrays and their index helpers
  ['engine'], // phases, the loop, readings, recording
  // domains, in the order their data flows: a later one may read an earlier one
  ['market'],
  ['inference'],
  ['signals'],
  ['models'],
  ['agents'],
  ['monitors'],
  ['setup'], // loader, overrides, cross-checks, the builder of the phase list
  ['analysis'],
  ['report'],
  ['sweep'],
  ['testing'],
  ['tui'],
  ['cli'],
  ['index.ts'],
];

const folder = (names) => `^src/(${names.map((n) => n.replace('.', '\\.')).join('|')})(/|$)`;

const upward = layers.slice(0, -1).map((own, i) => ({
  name: `no-upward-from-${own.join('-').replace('.ts', '')}`,
  comment: `${own.join(', ')} may not import a higher layer (${layers.slice(i + 1).flat().join(', ')})`,
  severity: 'error',
  from: { path: folder(own) },
  to: { path: folder(layers.slice(i + 1).flat()) },
}));

module.exports = {
  forbidden: [
    { name: 'no-cycle', comment: 'an import cycle ties files that should stand apart', severity: 'error', from: {}, to: { circular: true } },
    ...upward,
    { name: 'src-not-tests', comment: 'sources do not import tests or benchmarks', severity: 'error', from: { path: '^src/' }, to: { path: '^(test|bench)/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
