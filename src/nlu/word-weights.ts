import { readFileSync } from 'node:fs';
import { mentions } from '../knowledge/operators.js';

interface WeightsFile {
  stop: string[];
  heavy: Record<string, number>;
  /** province and city names: they weigh nothing */
  places?: string[];
  /** greetings, thanks and particles that only wrap a question ("chào ad", "ạ", "vậy mn") */
  wrapping?: string[];
}

/** Weight of a word that no topic's examples use (names, places, words of other domains). */
const UNSEEN = 1;
/** The word after which a number names an account level (the lexicon writes "level", "lv", "lvl" as "muc" first). */
const LEVEL_WORD = 'muc';
/** The fewest words a question keeps once its greetings and particles are set aside (else the message is left whole). */
const MIN_QUESTION_WORDS = 3;
/** The lightest a word used by every topic can be. */
const FLOOR = 0.2;

/**
 * How much each word of a question matters for telling its topic (data/lexicon/weights.json): stop
 * words nothing, heavy phrases ("mất điện thoại", "máy bay", "kết hôn") a lot, every other word by
 * how few topics use it in their example questions.
 */
export class WordWeights {
  private readonly idf = new Map<string, number>();

  constructor(
    private readonly stop: ReadonlySet<string>,
    private readonly heavy: ReadonlyMap<string, number>,
    private readonly places: readonly string[] = [],
    private readonly wrapping: readonly string[] = [],
  ) {}

  static load(file: string, normalise: (phrase: string) => string): WordWeights {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as WeightsFile;
    const heavy = new Map(Object.entries(parsed.heavy).map(([p, w]) => [normalise(p), w] as const));
    const wrapping = (parsed.wrapping ?? []).map(normalise).sort((a, b) => b.length - a.length);
    return new WordWeights(new Set(parsed.stop.map(normalise)), heavy, (parsed.places ?? []).map(normalise), wrapping);
  }

  /** A normalised text without the greetings, thanks and particles at its two ends: the question itself. */
  unwrap(text: string): string {
    let rest = ` ${text} `;
    for (let changed = true; changed; ) {
      changed = false;
      for (const w of this.wrapping) {
        if (rest.startsWith(` ${w} `)) rest = rest.slice(w.length + 1);
        else if (rest.endsWith(` ${w} `)) rest = rest.slice(0, -(w.length + 1));
        else continue;
        changed = true;
      }
    }
    // what is left must still be a question ("cảm ơn em", "chào bot" are all wrapping: they stay as they are)
    const question = rest.trim();
    return question.split(' ').length >= MIN_QUESTION_WORDS ? question : text;
  }

  /** Learns from the example questions (normalised text) of each topic how common each word is. */
  learn(examplesByTopic: ReadonlyMap<string, readonly string[]>): void {
    const topicsUsing = new Map<string, number>();
    for (const texts of examplesByTopic.values()) {
      for (const word of new Set(texts.flatMap((t) => t.split(' ')))) topicsUsing.set(word, (topicsUsing.get(word) ?? 0) + 1);
    }
    const n = Math.max(examplesByTopic.size, 2);
    this.idf.clear();
    this.last = undefined;
    for (const [word, df] of topicsUsing) {
      this.idf.set(word, FLOOR + (1.2 - FLOOR) * (Math.log(n / df) / Math.log(n)));
    }
  }

  isStop(word: string): boolean {
    return this.stop.has(word);
  }

  /** The weight of each word of a normalised text, in order (the last text is remembered: one message is weighed several times). */
  weigh(text: string): { word: string; weight: number }[] {
    if (this.last?.text === text) return this.last.weights;
    const weights = this.compute(text);
    this.last = { text, weights };
    return weights;
  }

  private last: { text: string; weights: { word: string; weight: number }[] } | undefined;

  private compute(text: string): { word: string; weight: number }[] {
    const words = text.split(' ').filter(Boolean);
    // a word without a Latin letter (Arabic, Chinese, an emoji) is one the assistant cannot read: it names no topic
    const weights = words.map((w, i) =>
      // a number weighs nothing ("năm 2024", "14 tuổi" is read as an age), except a level's: "mức 3" is not "mức 1"
      /^\d+$/.test(w) ? (words[i - 1] === LEVEL_WORD ? UNSEEN : 0) : this.stop.has(w) || !/[a-z]/.test(w) ? 0 : (this.idf.get(w) ?? UNSEEN),
    );
    const where = (phrase: string, each: (at: number) => void) => {
      if (!mentions(text, phrase)) return;
      const parts = phrase.split(' ');
      for (let i = 0; i + parts.length <= words.length; i++) {
        if (parts.every((p, j) => words[i + j] === p)) for (let j = 0; j < parts.length; j++) each(i + j);
      }
    };
    for (const [phrase, weight] of this.heavy) where(phrase, (at) => (weights[at] = Math.max(weights[at]!, weight)));
    // where a person lives ("Quảng Bình", "TP.HCM") does not tell what they ask
    for (const place of this.places) where(place, (at) => (weights[at] = 0));
    return words.map((word, i) => ({ word, weight: weights[i]! }));
  }
}
