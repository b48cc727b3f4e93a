import { keyPhrasesOf, type IntentRule } from './rule-file.js';

/**
 * Which rules can match a message? Each rule is filed under the first word of
 * each of its key phrases; a message pulls only the rules filed under its
 * words, plus the few rules that need no phrase. The engine then runs on that
 * small set, so adding rules on other topics costs a message nothing.
 */
export class RuleIndex {
  private readonly byWord = new Map<string, number[]>();
  private readonly unindexed: number[] = [];

  constructor(readonly rules: readonly IntentRule[]) {
    rules.forEach((rule, i) => {
      const keys = keyPhrasesOf(rule.conditions as Parameters<typeof keyPhrasesOf>[0]);
      if (!keys) {
        this.unindexed.push(i);
        return;
      }
      for (const first of new Set(keys.map((k) => k.split(' ')[0]!))) {
        const list = this.byWord.get(first) ?? [];
        list.push(i);
        this.byWord.set(first, list);
      }
    });
  }

  /** Positions (in `rules`) of the rules worth evaluating for these words, in file order. */
  candidates(words: readonly string[]): number[] {
    const found = new Set<number>(this.unindexed);
    for (const w of words) for (const i of this.byWord.get(w) ?? []) found.add(i);
    return [...found].sort((a, b) => a - b);
  }

  get alwaysEvaluated(): number {
    return this.unindexed.length;
  }
}
