import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LegalRegister } from '../knowledge/legal-register.js';
import type { Language } from '../nlu/language.js';

/** The follow-ups one answer can take in a line or two: "mất bao lâu", "ở đâu", "mang gì", "có mất phí không", "còn trẻ em thì sao", "trường hợp nào". */
export const FACETS = ['time', 'place', 'documents', 'fee', 'child', 'cases'] as const;
export type Facet = (typeof FACETS)[number];

export interface AnswerText {
  text: string;
  /** the rest of a long answer, shown by a "more" button */
  more?: string;
  /** a line put first when a service entity was named; {service} is its name */
  service?: string;
  /** one facet of this topic, for a follow-up question */
  facets?: Partial<Record<Facet, string>>;
}

export interface Locale {
  language: Language;
  answers: Record<string, AnswerText>;
  buttons: Record<string, string>;
  /** "Nguồn" / "Source" */
  sources: { label: string };
  ui: Record<UiKey, string>;
  /** what officers are told (task lists, task details, closing work) */
  officer: Record<string, string>;
  /** "Ask a person": offers, notices and what staff send, with {placeholders} */
  handoff?: Record<string, string>;
}

export type UiKey =
  | 'empty'
  | 'not_text'
  | 'too_long'
  | 'error'
  | 'rate_limited'
  | 'language_switched'
  | 'start'
  | 'subscribed'
  | 'subscribed_web'
  | 'unsubscribed'
  | 'not_subscribed'
  | 'feedback_thanks'
  | 'feedback_hint';

/** What an answer rests on and leads to (data/answers.json). */
export interface AnswerPlan {
  /** keys of data/legal.json */
  cites: string[];
  /** the next questions offered as buttons (intent ids) */
  next: string[];
  /** the day an editor last checked the answer against the law (YYYY-MM-DD) */
  reviewed?: string;
}

export interface Content {
  locales: Record<Language, Locale>;
  plans: Record<string, AnswerPlan>;
  legal: LegalRegister;
}

/** Reads locales/*.json, data/answers.json and data/legal.json, and checks that they fit together. */
export function loadContent(root: string): Content {
  const read = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;
  const locales = { vi: read<Locale>('locales/vi.json'), en: read<Locale>('locales/en.json') };
  const plans = read<{ answers: Record<string, AnswerPlan> }>('data/answers.json').answers;
  const legal = LegalRegister.load(join(root, 'data/legal.json'));
  const problems: string[] = [];
  for (const [intent, plan] of Object.entries(plans)) {
    for (const locale of Object.values(locales)) {
      if (!locale.answers[intent]) problems.push(`locales/${locale.language}.json: no answer for ${intent}`);
      for (const n of plan.next) if (!locale.buttons[n]) problems.push(`locales/${locale.language}.json: no button label for ${n}`);
    }
    for (const key of plan.cites) if (!legal.documents[key]) problems.push(`data/answers.json: ${intent} cites ${key}, which is not in data/legal.json`);
    for (const n of plan.next) if (!plans[n]) problems.push(`data/answers.json: ${intent} offers unknown ${n}`);
  }
  if (problems.length > 0) throw new Error(`Content does not fit together:\n- ${problems.join('\n- ')}`);
  return { locales, plans, legal };
}
