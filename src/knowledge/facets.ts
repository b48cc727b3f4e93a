import { readFileSync } from 'node:fs';
import { FACETS, type Facet } from '../core/locale.js';
import type { WordWeights } from '../nlu/word-weights.js';
import type { Understanding } from '../nlu/understand.js';
import type { Explainer } from './decide.js';
import { wordsOfPhrasesIn } from './knowledge-base.js';

/** Weight a follow-up may carry beyond its facet and the current topic and still be read as that facet. */
const RESIDUAL_LIMIT = 0.9;

interface FacetEntry {
  intent?: string;
  phrases: string[];
  /** phrases that ask for this facet in a first question: its line then leads the answer */
  leads?: string[];
}

export interface FacetQuestion {
  facet: Facet;
  /** the general answer when the current topic has no such facet; what the reply counts as */
  intent: string | undefined;
}

/**
 * Reads "mất bao lâu", "ở đâu", "mang gì", "có mất phí không", "còn trẻ em thì sao" after an answer
 * as a question about one facet of that topic (data/lexicon/facets.json).
 */
export class FacetReader {
  constructor(
    private readonly entries: ReadonlyMap<Facet, FacetEntry>,
    private readonly weights: WordWeights,
    private readonly explain: Explainer,
  ) {}

  static load(file: string, normalise: (p: string) => string, weights: WordWeights, explain: Explainer): FacetReader {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { facets: Record<string, FacetEntry> };
    const entries = new Map<Facet, FacetEntry>();
    for (const [name, entry] of Object.entries(parsed.facets)) {
      if (!(FACETS as readonly string[]).includes(name)) throw new Error(`${file}: unknown facet ${name} (known: ${FACETS.join(', ')})`);
      entries.set(name as Facet, { ...entry, phrases: [...new Set(entry.phrases.map(normalise))], leads: [...new Set((entry.leads ?? []).map(normalise))] });
    }
    return new FacetReader(entries, weights, explain);
  }

  /** The facets a first question asks for ("đổi thẻ mất bao lâu": time), whatever its topic. */
  asked(u: Understanding): Facet[] {
    return [...this.entries].filter(([, entry]) => wordsOfPhrasesIn(u.text, entry.leads ?? []).size > 0).map(([facet]) => facet);
  }

  /** The facet asked about `topic`, or undefined when the message is about something else. */
  read(u: Understanding, topic: string): FacetQuestion | undefined {
    const { text } = u;
    for (const [facet, entry] of this.entries) {
      const facetWords = wordsOfPhrasesIn(text, entry.phrases);
      if (facetWords.size === 0) continue;
      const topicWords = this.explain(topic, u);
      const residual = this.weights
        .weigh(text)
        .filter((w) => !facetWords.has(w.word) && !topicWords.has(w.word))
        .reduce((sum, w) => sum + w.weight, 0);
      if (residual <= RESIDUAL_LIMIT) return { facet, intent: entry.intent };
    }
    return undefined;
  }
}
