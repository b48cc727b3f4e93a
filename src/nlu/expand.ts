import pluralize from 'pluralize';
import lemmatizer from 'wink-lemmatizer';
import type { Lexicon } from './lexicon.js';

/** English words ending in "s" that are not plurals, though pluralize reads them so. */
const NOT_PLURAL = new Set(['always', 'perhaps', 'whereas', 'towards', 'afterwards', 'does', 'thus', 'various', 'previous', 'news', 'series', 'species']);
/** English words ending in "-ing" or "-ed" that are not forms of a verb. */
const NOT_VERB = new Set(['during', 'nothing', 'something', 'anything', 'everything', 'morning', 'evening', 'ceiling']);

/**
 * An English word's base form: "penalties" → "penalty", "issuing" and "issued" → "issue", so a rule's
 * or an example's "penalty" or "issue" meets the question's other forms. A Vietnamese syllable never
 * ends in "s", "-ed" or "-ing", so only English words (and chat abbreviations, left alone when short)
 * are touched.
 */
export function englishBase(word: string): string {
  if (word.length >= 4 && word.endsWith('s') && !NOT_PLURAL.has(word) && pluralize.isPlural(word)) return pluralize.singular(word);
  if (word.length >= 5 && /(?:ing|ed)$/.test(word) && !NOT_VERB.has(word)) return lemmatizer.verb(word);
  return word;
}

/** "lv1" → "lv 1", "14tuoi" → "14 tuoi": people glue numbers to words. */
export function splitGluedNumbers(words: string[]): string[] {
  return words.flatMap((w) =>
    /^\d+\/\d+/.test(w)
      ? [w]
      : // "100k" is a sum of money (nghìn), not the chat "k" (không)
        /^\d+k$/.test(w)
        ? [w.slice(0, -1), 'nghin']
        : w.replace(/(\p{L})(\d)/gu, '$1 $2').replace(/(\d)(\p{L})/gu, '$1 $2').split(' '),
  );
}

function endsWithPhrase(done: string[], phrases: string[]): boolean {
  const tail = ` ${done.slice(-3).join(' ')}`;
  return phrases.some((p) => tail.endsWith(` ${p}`));
}

function startsWithPhrase(rest: string[], phrases: string[]): boolean {
  const head = `${rest.slice(0, 3).join(' ')} `;
  return phrases.some((p) => head.startsWith(`${p} `));
}

/**
 * Expands abbreviations and chat spellings word by word ("dk tk dddt" →
 * "dang ky tai khoan dinh danh dien tu"). Input and output are folded words.
 */
export function expandAbbreviations(words: string[], lexicon: Lexicon): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const rest = words.slice(i + 1);
    const contextual = lexicon.contextual.find(
      (c) =>
        c.word === word &&
        (!c.after || endsWithPhrase(out, c.after)) &&
        (!c.after_number || /^\d+$/.test(out[out.length - 1] ?? '')) &&
        (!c.before_end_or || rest.length === 0 || c.before_end_or.includes(rest[0]!)) &&
        (!c.before || startsWithPhrase(rest, c.before)),
    );
    if (contextual) out.push(...contextual.means.split(' '));
    else out.push(...(lexicon.abbreviations.get(word) ?? [englishBase(word)]));
  }
  return out;
}
