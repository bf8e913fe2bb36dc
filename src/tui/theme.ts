/**
 * Colours by role. With `NO_COLOR` set (https://no-color.org) every colour is undefined,
 * so the views draw in the terminal's default colour; glyphs alone tell series apart.
 * chalk (which ink uses) honours FORCE_COLOR but not NO_COLOR, hence this.
 */
import type { Alert } from '../core/events.ts';

export interface Theme {
  price?: string;
  fundamental?: string;
  counterfactual?: string;
  band?: string;
  median?: string;
  intervention?: string;
  title?: string;
  selected?: string;
  dim?: string;
  info?: string;
  warning?: string;
  critical?: string;
  /** Whether colour is on (views also drop inverse/dim styling without it). */
  color: boolean;
}

const COLOURS: Theme = {
  price: 'cyan',
  fundamental: 'green',
  counterfactual: 'yellow',
  band: 'blue',
  median: 'magenta',
  intervention: 'yellow',
  title: 'cyan',
  selected: 'cyan',
  dim: 'gray',
  info: 'blue',
  warning: 'yellow',
  critical: 'red',
  color: true,
};

/** The theme for an environment: plain when NO_COLOR is present and not empty. */
export function themeFor(env: NodeJS.ProcessEnv = process.env): Theme {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== '' ? { color: false } : COLOURS;
}

export function severityColor(theme: Theme, severity: Alert['severity'] | undefined): string | undefined {
  return severity === undefined ? undefined : theme[severity];
}
