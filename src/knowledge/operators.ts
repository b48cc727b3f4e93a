import { Operator } from 'json-rules-engine';

const SPACE = 32;

/**
 * Operators that let a rule read as phrases and entities:
 *   {"fact": "text", "operator": "mentionsAny", "value": ["mất phí", "lệ phí"]}
 * Phrases are folded when the rules are loaded; the text fact is folded too,
 * and a phrase matches whole words only ("phi" does not match "phien").
 */
export function mentions(text: string, phrase: string): boolean {
  if (phrase === '') return false;
  // found where a space or an end of the text stands on both sides; no string is built, as this runs
  // for hundreds of phrases a message and its garbage made the pauses of the slowest replies
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
    const end = at + phrase.length;
    if ((at === 0 || text.charCodeAt(at - 1) === SPACE) && (end === text.length || text.charCodeAt(end) === SPACE)) return true;
  }
  return false;
}

const isText = (v: unknown): boolean => typeof v === 'string';

export const PHRASE_OPERATORS = ['mentionsAny', 'mentionsAll', 'mentionsNone'] as const;

/**
 * The phrase lists of the rules, each under a short key. The engine is given conditions that carry
 * the key instead of the list: json-rules-engine deep-copies every condition it evaluates, and a
 * key costs nothing to copy where a list of forty phrases costs more than matching it.
 */
export class PhraseLists {
  private readonly lists = new Map<string, readonly string[]>();

  keyFor(list: readonly string[]): string {
    const key = `phrases#${this.lists.size}`;
    this.lists.set(key, list);
    return key;
  }

  get(key: string): readonly string[] {
    const list = this.lists.get(key);
    if (!list) throw new Error(`unknown phrase list ${key}`);
    return list;
  }
}

export function operatorsFor(lists: PhraseLists): Operator[] {
  const any = (text: string, key: string) => lists.get(key).some((p) => mentions(text, p));
  return [
    new Operator<string, string>('mentionsAny', (text, key) => any(text, key), isText),
    new Operator<string, string>('mentionsAll', (text, key) => lists.get(key).every((p) => mentions(text, p)), isText),
    new Operator<string, string>('mentionsNone', (text, key) => !any(text, key), isText),
    /** an entity was found: {"fact": "service", "operator": "isPresent", "value": true} */
    new Operator<unknown, boolean>('isPresent', (value, wanted) => (value !== undefined && value !== null) === wanted, () => true),
  ];
}
