/**
 * The scenario picker's list: each shipped scenario's title and its lesson's first
 * sentence. A file that does not load is still listed, with its error, so the picker
 * never hides a broken scenario.
 */
import { loadScenarioFile } from '../setup/loader.ts';
import { scenarioName } from '../setup/build.ts';

export interface ScenarioEntry {
  file: string;
  name: string;
  title: string;
  /** The lesson's first sentence (or line). */
  summary: string;
  /** Why the file does not load, if it does not. */
  error?: string;
}

/** The first sentence of a lesson, on one line. */
export function firstSentence(lesson: string): string {
  const text = lesson.replace(/\s+/g, ' ').trim();
  const end = text.search(/[.!?](\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}

/**
 * The lessons in the order docs/workshop.md teaches them; the other scenarios follow in
 * the order given (alphabetical for the shipped ones).
 */
export const WORKSHOP_ORDER = ['calm', 'tulip-mania', 'static-models', 'monitored-tulip'] as const;

/** `files` with the workshop's lessons first, in their teaching order. */
export function inWorkshopOrder(files: readonly string[]): string[] {
  const rank = (file: string) => {
    const i = (WORKSHOP_ORDER as readonly string[]).indexOf(scenarioName(file));
    return i < 0 ? WORKSHOP_ORDER.length : i;
  };
  // Array.prototype.sort is stable: the rest keep their order.
  return [...files].sort((a, b) => rank(a) - rank(b));
}

export function scenarioEntries(files: readonly string[]): ScenarioEntry[] {
  return inWorkshopOrder(files).map((file) => {
    const name = scenarioName(file);
    try {
      const { config } = loadScenarioFile(file);
      return { file, name, title: config.title, summary: firstSentence(config.lesson) };
    } catch (err) {
      return { file, name, title: name, summary: '', error: `does not load: ${(err as Error).message.split('\n')[0]}` };
    }
  });
}
