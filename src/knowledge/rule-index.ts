import { mentions } from './operators.js';
import { keyPhrasesOf, textDemandsOf, type Condition, type IntentRule, type TextDemands } from './rule-file.js';

interface Filed {
  phrase: string;
  rule: number;
}

/** Does the text meet the rule's text conditions? (The same test the operators make.) */
function meets(text: string, d: TextDemands): boolean {
  const has = (p: string) => mentions(text, p);
  return d.anyOf.every((list) => list.some(has)) && d.allOf.every((list) => list.every(has)) && !d.noneOf.some((list) => list.some(has));
}

/**
 * Which rules can match a message? Each key phrase of a rule is filed under its
 * first word; a message looks up its own words and keeps the rules whose key
 * phrase it really contains and whose other text conditions it meets, plus the
 * few rules that need no phrase. The engine then runs on that small set (its
 * verdict is the same: a rule left out could not have held), so rules on other
 * topics cost a message nothing.
 */
export class RuleIndex {
  private readonly byWord = new Map<string, Filed[]>();
  private readonly unindexed: number[] = [];
  private readonly demands: TextDemands[];

  constructor(readonly rules: readonly IntentRule[]) {
    this.demands = rules.map((rule) => textDemandsOf(rule.conditions as Condition));
    rules.forEach((rule, i) => {
      const keys = keyPhrasesOf(rule.conditions as Condition);
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
    const looked = new Set<number>();
    const found: number[] = this.unindexed.filter((i) => meets(text, this.demands[i]!));
    for (const w of new Set(text.split(' '))) {
      for (const { phrase, rule } of this.byWord.get(w) ?? []) {
        if (looked.has(rule) || !(phrase === w || mentions(text, phrase))) continue;
        looked.add(rule);
        if (meets(text, this.demands[rule]!)) found.push(rule);
      }
    }
    return found.sort((a, b) => a - b);
  }

  get alwaysEvaluated(): number {
    return this.unindexed.length;
  }
}
