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

  /** The best example of each intent among the nearest, best first. */
  match(text: string, limit = 40): ExampleMatch[] {
    return this.best(text, this.search.search(text).slice(0, limit).map((hit) => hit.id as number));
  }

  /** The best example of one intent (an intent the rules chose, whatever minisearch ranks first). */
  matchIntent(intent: string, text: string): ExampleMatch | undefined {
    return this.best(text, this.idsByIntent.get(intent) ?? [])[0];
  }

  private best(text: string, ids: number[]): ExampleMatch[] {
    const weighed = this.weights.weigh(text);
    const total = weighed.reduce((s, w) => s + w.weight, 0);
    if (total === 0) return [];
    const best = new Map<string, ExampleMatch>();
    for (const id of ids) {
      const doc = this.docs[id]!;
      const other = this.weighed[id]!;
      const shared = new Set(weighed.filter((w) => w.weight > 0 && other.words.has(w.word)).map((w) => w.word));
      const sharedWeight = weighed.filter((w) => shared.has(w.word)).reduce((s, w) => s + w.weight, 0);
      let docShared = 0;
      for (const word of shared) docShared += other.weights.get(word) ?? 0;
      const similarity = 0.75 * (sharedWeight / total) + 0.25 * (docShared / other.total);
      const known = best.get(doc.intent);
      if (!known || similarity > known.similarity) best.set(doc.intent, { intent: doc.intent, similarity, shared, example: doc.text });
    }
    return [...best.values()].sort((a, b) => b.similarity - a.similarity);
  }
}
