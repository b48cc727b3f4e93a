import { Operator } from 'json-rules-engine';

/**
 * Operators that let a rule read as phrases and entities:
 *   {"fact": "text", "operator": "mentionsAny", "value": ["mất phí", "lệ phí"]}
 * Phrases are folded when the rules are loaded; the text fact is folded too,
 * and a phrase matches whole words only ("phi" does not match "phien").
 */
export function mentions(text: string, phrase: string): boolean {
  return ` ${text} `.includes(` ${phrase} `);
}

const isText = (v: unknown): boolean => typeof v === 'string';

export const PHRASE_OPERATORS = ['mentionsAny', 'mentionsAll', 'mentionsNone'] as const;

export const operators: Operator[] = [
  new Operator<string, string[]>('mentionsAny', (text, phrases) => phrases.some((p) => mentions(text, p)), isText),
  new Operator<string, string[]>('mentionsAll', (text, phrases) => phrases.every((p) => mentions(text, p)), isText),
  new Operator<string, string[]>('mentionsNone', (text, phrases) => !phrases.some((p) => mentions(text, p)), isText),
  /** an entity was found: {"fact": "service", "operator": "isPresent", "value": true} */
  new Operator<unknown, boolean>('isPresent', (value, wanted) => (value !== undefined && value !== null) === wanted, () => true),
];
