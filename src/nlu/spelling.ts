import { distance } from 'fastest-levenshtein';
import { couldBeVietnamese } from './syllable.js';

/** Two words differ by one swap of neighbouring letters ("dnag" / "dang"). */
function isAdjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

/**
 * Tolerates one-letter typos on domain words. A word is only corrected when it
 * is unknown (not a possible Vietnamese syllable, not a domain or English
 * word), so real Vietnamese words are never "fixed" into something else.
 */
export class SpellingCorrector {
  private readonly byLength = new Map<number, string[]>();

  constructor(
    private readonly domainWords: ReadonlySet<string>,
    private readonly knownWords: ReadonlySet<string>,
  ) {
    for (const w of domainWords) {
      if (w.length < 4 || /\d/.test(w)) continue;
      const list = this.byLength.get(w.length) ?? [];
      list.push(w);
      this.byLength.set(w.length, list);
    }
  }

  isKnown(word: string): boolean {
    return this.knownWords.has(word) || this.domainWords.has(word) || /\d/.test(word) || couldBeVietnamese(word);
  }

  /** The domain word one edit away, or the word itself (`alsoKnown`: words of the message's language, never corrected). */
  correctWord(word: string, alsoKnown?: ReadonlySet<string>): string[] {
    if (word.length < 3 || this.isKnown(word) || alsoKnown?.has(word)) return [word];
    for (const len of [word.length, word.length - 1, word.length + 1]) {
      const match = (this.byLength.get(len) ?? []).find((c) => distance(c, word) === 1 || isAdjacentSwap(c, word));
      if (match) return [match];
    }
    return this.splitGlued(word) ?? [word];
  }

  /** "dinhdanh" → ["dinh", "danh"] when both halves are domain words. */
  private splitGlued(word: string): string[] | undefined {
    if (word.length < 5) return undefined;
    for (let cut = 2; cut <= word.length - 2; cut++) {
      const left = word.slice(0, cut);
      const right = word.slice(cut);
      if (this.domainWords.has(left) && this.domainWords.has(right)) return [left, right];
    }
    return undefined;
  }

  correct(words: string[], alsoKnown?: ReadonlySet<string>): string[] {
    return words.flatMap((w) => this.correctWord(w, alsoKnown));
  }
}
