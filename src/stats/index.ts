/**
 * Statistics the monitors compute: pure functions and small streaming detectors with
 * plain-data state, no dependencies. Each module documents its reference and defaults.
 */
export * from './special.ts';
export * from './psi.ts';
export * from './ks.ts';
export * from './page-hinkley.ts';
export * from './adwin.ts';
export * from './cusum.ts';
export * from './correlation.ts';
export * from './linalg.ts';
export * from './granger.ts';
export * from './var-gain.ts';
export * from './stylized-facts.ts';
