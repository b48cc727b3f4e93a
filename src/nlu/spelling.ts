import { distance } from 'fastest-levenshtein';
import { couldBeVietnamese } from './syllable.js';

/** Two words differ by one swap of neighbouring letters ("dnag" / "dang"). */
function isAdjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

/** `typed` is `word` with one letter left out ("cuc" / "cuoc", "hap" / "nhap"). */
function lacksOneLetter(typed: string, word: string): boolean {
  return word.length === typed.length + 1 && distance(word, typed) === 1;
}

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const besideOnKeyboard = (a: string, b: string): boolean => KEYBOARD_ROWS.some((row) => Math.abs(row.indexOf(a) - row.indexOf(b)) === 1 && row.includes(a) && row.includes(b));

/** `typed` is `word` with one letter replaced by its neighbour on the keyboard ("xuoc" / "cuoc", "sich" / "dich"). */
function slippedKey(typed: string, word: string): boolean {
  if (typed.length !== word.length) return false;
  const at = [...typed].flatMap((c, i) => (c === word[i] ? [] : [i]));
  return at.length === 1 && besideOnKeyboard(typed[at[0]!]!, word[at[0]!]!);
}

/** What the corrector knows of the domain's phrases and of ordinary Vietnamese. */
export interface SpellingContext {
  /** the knowledge base's phrases (folded, expanded): which words follow which, and how common each word is */
  phrases: readonly string[];
  /** pairs of words seen side by side in Vietnamese text ("lam the"): such a pair is never "corrected" */
  bigrams: ReadonlySet<string>;
  /** abbreviations worth correcting towards ("ccd" is "cccd", "levl" is "level"), with what they stand for */
  abbreviations?: ReadonlyMap<string, string[]>;
}

/**
 * Tolerates one-letter typos on domain words. An unknown word (not a possible Vietnamese syllable,
 * not a domain or English word) becomes the domain word one edit away; among several, the one that
 * makes a domain phrase with its neighbour, then a swap of two letters, then the commonest. A real
 * syllable is touched only when (1) it is a domain word with one letter left out, two letters swapped
 * or, for a syllable no text of the project uses, one key hit beside the right one; (2) its neighbour
 * makes a domain phrase with that word; and (3) the pair as typed is never seen in Vietnamese text.
 * So "can cuc" → "can cuoc", "dang hap" → "dang nhap", "lam sich vu" → "lam dich vu"; "the bhyt" and
 * "cho toi hoi" stay.
 */
export class SpellingCorrector {
  private readonly byLength = new Map<number, string[]>();
  private readonly frequency = new Map<string, number>();
  private readonly follows = new Map<string, Set<string>>();
  private readonly precedes = new Map<string, Set<string>>();
  private readonly phrasePairs = new Set<string>();
  private readonly abbreviations: ReadonlyMap<string, string[]>;

  constructor(
    private readonly domainWords: ReadonlySet<string>,
    private readonly knownWords: ReadonlySet<string>,
    private readonly context: SpellingContext = { phrases: [], bigrams: new Set() },
  ) {
    this.abbreviations = new Map([...(context.abbreviations ?? [])].filter(([short, long]) => short.length >= 4 && long.join(' ') !== short));
    for (const w of [...domainWords, ...this.abbreviations.keys()]) {
      if (w.length < 4 || /\d/.test(w)) continue;
      const list = this.byLength.get(w.length) ?? [];
      list.push(w);
      this.byLength.set(w.length, list);
    }
    for (const phrase of context.phrases) {
      const words = phrase.split(' ');
      for (const w of words) this.frequency.set(w, (this.frequency.get(w) ?? 0) + 1);
      for (let i = 1; i < words.length; i++) {
        const [a, b] = [words[i - 1]!, words[i]!];
        this.phrasePairs.add(`${a} ${b}`);
        this.follows.set(a, (this.follows.get(a) ?? new Set()).add(b));
        this.precedes.set(b, (this.precedes.get(b) ?? new Set()).add(a));
      }
    }
  }

  isKnown(word: string): boolean {
    return this.knownWords.has(word) || this.domainWords.has(word) || /\d/.test(word) || couldBeVietnamese(word);
  }

  /**
   * The word as it was meant (one word, or an abbreviation's words). `alsoKnown`: words of the
   * message's language, never corrected (an English message's words); `prev` (as corrected) and
   * `next` (as typed) are its neighbours; a real syllable typed with its diacritics stays as typed.
   */
  correctWord(word: string, alsoKnown?: ReadonlySet<string>, prev?: string, next?: string, typedWithMarks = false): string[] {
    if (word.length < 3 || alsoKnown?.has(word) || /\d/.test(word)) return [word];
    if (this.isKnown(word)) return [(alsoKnown || typedWithMarks ? undefined : this.inContext(word, prev, next)) ?? word];
    const near = this.nearest(word, prev, next);
    if (near) return this.abbreviations.get(near) ?? [near];
    return this.splitGlued(word) ?? [word];
  }

  /** `marked`: words the message typed with their diacritics, which are left as they are. */
  correct(words: string[], alsoKnown?: ReadonlySet<string>, marked?: ReadonlySet<string>): string[] {
    const out: string[] = [];
    for (const [i, w] of words.entries()) out.push(...this.correctWord(w, alsoKnown, out.at(-1), words[i + 1], marked?.has(w)));
    return out;
  }

  private seen(a: string | undefined, b: string | undefined): boolean {
    return a !== undefined && b !== undefined && (this.context.bigrams.has(`${a} ${b}`) || this.phrasePairs.has(`${a} ${b}`));
  }

  /** A real syllable that its neighbours show to be a domain word typed with one slip. */
  private inContext(word: string, prev?: string, next?: string): string | undefined {
    if ((!prev && !next) || this.seen(prev, word) || this.seen(word, next)) return undefined;
    const options = [...(prev ? (this.follows.get(prev) ?? []) : []), ...(next ? (this.precedes.get(next) ?? []) : [])];
    // a key beside the right one only for a syllable no text of the project uses ("xuoc", not "mau")
    const attested = this.knownWords.has(word) || this.domainWords.has(word);
    return this.commonest(options.filter((c) => c.length >= 3 && (lacksOneLetter(word, c) || isAdjacentSwap(word, c) || (!attested && slippedKey(word, c)))));
  }

  /** The domain word (or abbreviation) one edit away from an unknown word, best first as the class says. */
  private nearest(word: string, prev?: string, next?: string): string | undefined {
    const found: string[] = [];
    for (const len of [word.length, word.length - 1, word.length + 1]) {
      for (const c of this.byLength.get(len) ?? []) if (distance(c, word) === 1 || isAdjacentSwap(c, word)) found.push(c);
    }
    if (found.length <= 1) return found[0];
    const phrased = found.filter((c) => (prev !== undefined && this.phrasePairs.has(`${prev} ${c}`)) || (next !== undefined && this.phrasePairs.has(`${c} ${next}`)));
    if (phrased.length > 0) return this.commonest(phrased);
    const swapped = found.filter((c) => isAdjacentSwap(c, word));
    return this.commonest(swapped.length > 0 ? swapped : found);
  }

  private commonest(words: string[]): string | undefined {
    return words.reduce<string | undefined>((best, w) => (best === undefined || (this.frequency.get(w) ?? 0) > (this.frequency.get(best) ?? 0) ? w : best), undefined);
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
}
