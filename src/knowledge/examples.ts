import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
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
  id: number;
  intent: string;
  text: string;
}

/** What scoring needs of an example, worked out once when it is added. */
interface Weighed {
  words: Set<string>;
  weights: Map<string, number>;
  total: number;
}

/** The words of a normalised text (pairs of words were tried too: no better, and 60% slower). */
function terms(text: string): string[] {
  return text.split(' ').filter(Boolean);
}

/**
 * The retrieval second opinion: a minisearch index of every intent's example questions over the
 * same normalised text the rules see. Candidates come from minisearch (BM25 over words); each is then scored by how much of the message's weight it shares, which is comparable
 * across messages.
 */
export class ExampleIndex {
  private readonly search: MiniSearch<Doc>;
  private readonly docs: Doc[] = [];
  private readonly weighed: Weighed[] = [];
  private readonly idsByIntent = new Map<string, number[]>();

  constructor(private readonly weights: WordWeights) {
    this.search = new MiniSearch<Doc>({
      fields: ['text'],
      storeFields: ['intent'],
      tokenize: terms,
      processTerm: (t) => (weights.isStop(t) ? null : t),
      searchOptions: { combineWith: 'OR' },
    });
  }

  get size(): number {
    return this.docs.length;
  }

  /** Adds a normalised example; live at once (an editor's addition needs no restart). */
  add(intent: string, text: string): void {
    if (!text.trim()) return;
    const doc = { id: this.docs.length, intent, text };
    const weighed = this.weights.weigh(text);
    const weights = new Map<string, number>();
    for (const w of weighed) weights.set(w.word, Math.max(weights.get(w.word) ?? 0, w.weight));
    this.weighed.push({ words: new Set(weights.keys()), weights, total: weighed.reduce((s, w) => s + w.weight, 0) || 1 });
    this.docs.push(doc);
    this.idsByIntent.set(intent, [...(this.idsByIntent.get(intent) ?? []), doc.id]);
    this.search.add(doc);
  }

  /**
   * The best example of each intent among the nearest, best first; `explained` joins the words shared by
   * the intent's `together` most similar examples (a long letter's words are spread over several short examples).
   */
  match(text: string, together = 1, limit = 40): ExampleMatch[] {
    return this.best(text, this.search.search(text).slice(0, limit).map((hit) => hit.id as number), together);
  }

  /** The best example of one intent (an intent the rules chose, whatever minisearch ranks first). */
  matchIntent(intent: string, text: string, together = 1): ExampleMatch | undefined {
    return this.best(text, this.idsByIntent.get(intent) ?? [], together)[0];
  }

  private best(text: string, ids: number[], together: number): ExampleMatch[] {
    const weighed = this.weights.weigh(text);
    const total = weighed.reduce((s, w) => s + w.weight, 0);
    if (total === 0) return [];
    // each word of weight once, with the weight of all its places in the message
    const inMessage = new Map<string, number>();
    for (const w of weighed) inMessage.set(w.word, (inMessage.get(w.word) ?? 0) + w.weight);
    const telling = [...new Set(weighed.filter((w) => w.weight > 0).map((w) => w.word))];
    // per intent, its `together` most similar examples, best first
    const nearest = new Map<string, { id: number; similarity: number }[]>();
    for (const id of ids) {
      const other = this.weighed[id]!;
      let sharedWeight = 0;
      let docShared = 0;
      for (const word of telling) {
        if (!other.words.has(word)) continue;
        sharedWeight += inMessage.get(word)!;
        docShared += other.weights.get(word) ?? 0;
      }
      const similarity = 0.75 * (sharedWeight / total) + 0.25 * (docShared / other.total);
      const intent = this.docs[id]!.intent;
      const kept = nearest.get(intent) ?? [];
      if (kept.length === 0) nearest.set(intent, kept);
      if (kept.length === together && similarity <= kept[together - 1]!.similarity) continue;
      let at = kept.findIndex((k) => similarity > k.similarity);
      if (at < 0) at = kept.length;
      kept.splice(at, 0, { id, similarity });
      if (kept.length > together) kept.pop();
    }
    const sharedWith = (id: number) => new Set(telling.filter((word) => this.weighed[id]!.words.has(word)));
    const matches: ExampleMatch[] = [];
    for (const [intent, kept] of nearest) {
      const first = kept[0]!;
      const shared = sharedWith(first.id);
      const explained = new Set(shared);
      for (const more of kept.slice(1)) for (const word of sharedWith(more.id)) explained.add(word);
      matches.push({ intent, similarity: first.similarity, shared, explained, example: this.docs[first.id]!.text });
    }
    return matches.sort((a, b) => b.similarity - a.similarity);
  }
}
