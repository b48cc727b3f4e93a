import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WordWeights } from '../nlu/word-weights.js';

/** The pseudo-topic of data/examples/out_of_scope.txt: questions near the domain that the assistant must not answer. */
export const OUT_OF_SCOPE = 'out_of_scope';

/** Example questions per intent, as editors write them: data/examples/<intent>.txt, one a line, '#' for comments. */
export function readExampleFiles(dir: string): Map<string, string[]> {
  const byIntent = new Map<string, string[]>();
  if (!existsSync(dir)) return byIntent;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const lines = readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    byIntent.set(file.slice(0, -'.txt'.length), lines);
  }
  return byIntent;
}

/** How well one intent's best example matches a message. */
export interface ExampleMatch {
  intent: string;
  /** 0 to 1: the weighted share of the message found in the example, blended with the share of the example found in the message */
  similarity: number;
  /** the message's words that the example shares */
  shared: Set<string>;
  /** the message's words that any of the intent's nearest examples share (what the intent's examples explain together) */
  explained: Set<string>;
  /** the example, normalised */
  example: string;
}

interface Doc {
  intent: string;
  text: string;
  /** each word of the example once, with its weight (0 for a stop word or a place) */
  weights: Map<string, number>;
  /** the example's whole weight */
  total: number;
}

/**
 * The retrieval second opinion: every intent's example questions, over the same normalised text the rules see.
 * Each example that shares a telling word with a message is scored by how much of the message's weight it shares
 * (comparable across messages), blended with how much of its own weight the message holds. Words are looked up in
 * a map from each word to the examples that use it (with its weight in each), so a message costs as much as the
 * examples that share its words. Until December 2026 a minisearch BM25 search picked the 40 examples to score;
 * scoring every example that shares a word gave the same cross-validated figures at a third of the time.
 */
export class ExampleIndex {
  private readonly docs: Doc[] = [];
  private readonly idsByIntent = new Map<string, number[]>();
  /** word → the examples that use it, and its weight in each */
  private readonly postings = new Map<string, { ids: number[]; weights: number[] }>();
  /** normalised example (greetings and particles at its ends aside) → the intents it was taught for, first taught first */
  private readonly intentsByText = new Map<string, string[]>();
  private last: { text: string; scored: Scored } | undefined;
  /** by example id: the last message's similarity (0 for an example that shares no telling word) */
  private similarity = new Float64Array(0);

  constructor(private readonly weights: WordWeights) {}

  get size(): number {
    return this.docs.length;
  }

  /** Adds a normalised example; live at once (an editor's addition needs no restart). */
  add(intent: string, text: string): void {
    if (!text.trim()) return;
    const weighed = this.weights.weigh(text);
    const weights = new Map<string, number>();
    for (const w of weighed) weights.set(w.word, Math.max(weights.get(w.word) ?? 0, w.weight));
    const question = this.weights.unwrap(text);
    const taught = this.intentsByText.get(question);
    if (!taught) this.intentsByText.set(question, [intent]);
    else if (!taught.includes(intent)) taught.push(intent);
    const id = this.docs.length;
    this.docs.push({ intent, text, weights, total: weighed.reduce((sum, w) => sum + w.weight, 0) || 1 });
    const ofIntent = this.idsByIntent.get(intent);
    if (ofIntent) ofIntent.push(id);
    else this.idsByIntent.set(intent, [id]);
    for (const [word, weight] of weights) {
      let posting = this.postings.get(word);
      if (!posting) this.postings.set(word, (posting = { ids: [], weights: [] }));
      posting.ids.push(id);
      posting.weights.push(weight);
    }
    this.forget();
  }

  /** The intent of the example that reads exactly as the normalised message, greetings and particles at its ends aside, if any. */
  exact(text: string): string | undefined {
    return this.intentsByText.get(this.weights.unwrap(text))?.[0];
  }

  /** Examples taught for two topics or more (only the first is answered word for word): each with its topics. */
  conflicts(): { text: string; intents: string[] }[] {
    return [...this.intentsByText].filter(([, intents]) => intents.length > 1).map(([text, intents]) => ({ text, intents: [...intents] }));
  }

  /** Forgets the last message and clears its scores (before another message is scored, or when an example is added). */
  private forget(): void {
    for (const id of this.last?.scored.touched ?? []) this.similarity[id] = 0;
    this.last = undefined;
  }

  /**
   * The best example of each intent (of the `limit` best intents), best first; `explained` joins the words shared
   * by the intent's `together` most similar examples (a long letter's words are spread over several short examples).
   */
  match(text: string, together = 1, limit = Infinity): ExampleMatch[] {
    const scored = this.score(text);
    return this.best(scored, scored.touched, together, limit);
  }

  /** The best example of one intent (an intent the rules chose, whatever ranks first). */
  matchIntent(intent: string, text: string, together = 1): ExampleMatch | undefined {
    const scored = this.score(text);
    return this.best(scored, (this.idsByIntent.get(intent) ?? []).filter((id) => scored.similarity[id]! > 0), together)[0];
  }

  /**
   * The similarity of every example that shares a telling word with the message: the share of the message's weight
   * it holds (three quarters) and the share of its own weight the message holds (a quarter), added word by word.
   * The last message is remembered (it is matched several times); its scores live in one array kept between
   * messages, so a message allocates no array the size of the index.
   */
  private score(text: string): Scored {
    if (this.last?.text === text) return this.last.scored;
    this.forget();
    if (this.similarity.length < this.docs.length) this.similarity = new Float64Array(this.docs.length * 2);
    const { similarity } = this;
    const weighed = this.weights.weigh(text);
    const total = weighed.reduce((sum, w) => sum + w.weight, 0);
    // each word of weight once, with the weight of all its places in the message
    const inMessage = new Map<string, number>();
    for (const w of weighed) if (w.weight > 0) inMessage.set(w.word, (inMessage.get(w.word) ?? 0) + w.weight);
    const touched: number[] = [];
    for (const [word, weight] of inMessage) {
      const posting = this.postings.get(word);
      if (!posting) continue;
      for (let i = 0; i < posting.ids.length; i++) {
        const id = posting.ids[i]!;
        if (similarity[id] === 0) touched.push(id);
        similarity[id]! += 0.75 * (weight / total) + 0.25 * (posting.weights[i]! / this.docs[id]!.total);
      }
    }
    const scored = { telling: [...inMessage.keys()], similarity, touched };
    this.last = { text, scored };
    return scored;
  }

  private best(scored: Scored, ids: readonly number[], together: number, limit = Infinity): ExampleMatch[] {
    const { similarity } = scored;
    // per intent, the ids of its `together` most similar examples, best first
    const nearest = new Map<string, number[]>();
    for (const id of ids) {
      const intent = this.docs[id]!.intent;
      let kept = nearest.get(intent);
      if (!kept) nearest.set(intent, (kept = []));
      if (kept.length === together && similarity[id]! <= similarity[kept[together - 1]!]!) continue;
      // insertion into the short sorted list, moving the less similar down (the last falls off when full)
      let at = kept.length < together ? kept.length : together - 1;
      while (at > 0 && similarity[id]! > similarity[kept[at - 1]!]!) {
        kept[at] = kept[at - 1]!;
        at--;
      }
      kept[at] = id;
    }
    const sharedWith = (id: number) => new Set(scored.telling.filter((word) => this.docs[id]!.weights.has(word)));
    // the words shared are worked out for the intents asked for only
    return [...nearest.values()]
      .sort((a, b) => similarity[b[0]!]! - similarity[a[0]!]!)
      .slice(0, limit)
      .map(([first, ...more]) => {
        const shared = sharedWith(first!);
        const explained = new Set(shared);
        for (const id of more) for (const word of sharedWith(id)) explained.add(word);
        return { intent: this.docs[first!]!.intent, similarity: similarity[first!]!, shared, explained, example: this.docs[first!]!.text };
      });
  }
}

/** One message scored against every example. */
interface Scored {
  /** the message's words of weight, each once */
  telling: string[];
  /** by example id; 0 for an example that shares no telling word (the index's own array: valid until the next message is scored) */
  similarity: Float64Array;
  /** the ids of the examples that share a telling word */
  touched: number[];
}
