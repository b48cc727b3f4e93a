import { mentions } from './operators.js';
import { keyPhrasesOf, type IntentRule } from './rule-file.js';

interface Filed {
  phrase: string;
  rule: number;
}

/**
 * Which rules can match a message? Each key phrase of a rule is filed under its
 * first word; a message looks up its own words and keeps the rules whose key
 * phrase it really contains, plus the few rules that need no phrase. The engine
 * then runs on that small set, so rules on other topics cost a message nothing.
 */
export class RuleIndex {
  private readonly byWord = new Map<string, Filed[]>();
  private readonly unindexed: number[] = [];

  constructor(readonly rules: readonly IntentRule[]) {
    rules.forEach((rule, i) => {
      const keys = keyPhrasesOf(rule.conditions as Parameters<typeof keyPhrasesOf>[0]);
      if (!keys) {
        this.unindexed.push(i);
        return;
      }
      for (const phrase of new Set(keys)) {
        const first = phrase.split(' ')[0]!;
        const list = this.byWord.get(first) ?? [];
        list.push({ phrase, rule: i });
        this.byWord.set(first, list);
      }
    });
  }

  /** Positions (in `rules`) of the rules worth evaluating for this folded text, in file order. */
  candidates(text: string): number[] {
    const found = new Set<number>(this.unindexed);
    for (const w of new Set(text.split(' '))) {
      for (const { phrase, rule } of this.byWord.get(w) ?? []) {
        if (!found.has(rule) && (phrase === w || mentions(text, phrase))) found.add(rule);
      }
    }
    return [...found].sort((a, b) => a - b);
  }

  get alwaysEvaluated(): number {
    return this.unindexed.length;
  }
}
