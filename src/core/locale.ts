import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../nlu/language.js';

export interface AnswerText {
  text: string;
  /** the rest of a long list, shown by a "more" button */
  more?: string;
  /** a line put first when a service entity was named; {service} is its name */
  service?: string;
}

export interface Locale {
  language: Language;
  answers: Record<string, AnswerText>;
  buttons: Record<string, string>;
  sources: Record<string, string> & { label: string };
  ui: Record<UiKey, string>;
  /** what officers are told (task lists, task details, closing work) */
  officer: Record<string, string>;
}

export type UiKey = 'empty' | 'not_text' | 'too_long' | 'error' | 'rate_limited' | 'language_switched' | 'start' | 'subscribed' | 'subscribed_web' | 'unsubscribed' | 'not_subscribed';

export interface AnswerPlan {
  sources: string[];
  next: string[];
}

export interface Content {
  locales: Record<Language, Locale>;
  plans: Record<string, AnswerPlan>;
}

/** Reads locales/vi.json, locales/en.json and data/answers.json, and checks that they fit together. */
export function loadContent(root: string): Content {
  const read = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;
  const locales = { vi: read<Locale>('locales/vi.json'), en: read<Locale>('locales/en.json') };
  const plans = read<{ answers: Record<string, AnswerPlan> }>('data/answers.json').answers;
  const problems: string[] = [];
  for (const [intent, plan] of Object.entries(plans)) {
    for (const locale of Object.values(locales)) {
      if (!locale.answers[intent]) problems.push(`locales/${locale.language}.json: no answer for ${intent}`);
      for (const s of plan.sources) if (!locale.sources[s]) problems.push(`locales/${locale.language}.json: no source "${s}"`);
      for (const n of plan.next) if (!locale.buttons[n]) problems.push(`locales/${locale.language}.json: no button label for ${n}`);
    }
    for (const n of plan.next) if (!plans[n] && n !== 'help') problems.push(`data/answers.json: ${intent} offers unknown ${n}`);
  }
  if (problems.length > 0) throw new Error(`Content does not fit together:\n- ${problems.join('\n- ')}`);
  return { locales, plans };
}
