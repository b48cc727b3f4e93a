import { readFileSync } from 'node:fs';
import type { Understanding } from '../nlu/understand.js';
import type { WordWeights } from '../nlu/word-weights.js';
import { OUT_OF_SCOPE, type ExampleIndex, type ExampleMatch } from './examples.js';
import type { Classification } from './knowledge-base.js';

/** The thresholds of data/decision.json, chosen by measurement on the tuning questions. */
export interface DecisionSettings {
  /** at or above: answer */
  answer: number;
  /** at or above (and below `answer`): ask "Ý bạn là…?" */
  clarify: number;
  /**
   * The same two for a question in English: few example questions are English, so an English
   * question's best example is less alike and its confidence runs lower for the same evidence.
   */
  answerEnglish: number;
  clarifyEnglish: number;
  /** the answer threshold when the rules' winner is also the topic of the nearest example question (two readings agree) */
  answerAgreed: number;
  /** the runner-up must trail the best by this much for a plain answer when the rules did not pick the best */
  margin: number;
  /** added to an intent some rule matched, and again to the rules' winner */
  ruleBonus: number;
  winnerBonus: number;
  /** an intent no rule matched, found by its examples alone, has its score multiplied by this */
  retrievalOnly: number;
  /** a matched intent whose best rule is this far below the winner's priority gets no rule bonus */
  priorityGap: number;
  /** share of the score given by how much of the message the intent explains (the rest: the best example's similarity) */
  coverageShare: number;
  /** candidates within this distance of the best are offered when clarifying */
  clarifyBand: number;
  /** the least share of the message's weight the answered intent must explain */
  minCoverage: number;
  /** a message lighter than this (stop words, one vague word) is left to the rules alone */
  minWeight: number;
  /** an answer is not given when the intent of the nearest example beats the answered intent's own best example by more than this… */
  disagreement: number;
  /** …unless the answered intent explains at least this share of the message */
  trustCoverage: number;
  /** how many of an intent's nearest example questions count together for what it explains of the message */
  examplesTogether: number;
  /** a message that is word for word (once normalised) an example question of a topic gets that topic, whatever the rules say */
  exampleDecides?: boolean;
  /** how many retrieval candidates are considered */
  retrievalCandidates: number;
  /** topics whose answers share their facts: when the rules pick one and the nearest examples the other, the examples' topic is answered */
  siblings?: string[][];
  /** false: the rules decide alone (for measuring what retrieval adds) */
  retrieval: boolean;
}

export function loadDecisionSettings(file: string): DecisionSettings {
  return JSON.parse(readFileSync(file, 'utf8')).settings as DecisionSettings;
}

export interface Candidate {
  intent: string;
  score: number;
  /** share of the message's weight its rules' phrases and its best example account for */
  coverage: number;
  similarity: number;
  ruled: boolean;
}

export type Outcome = 'answer' | 'clarify' | 'fallback';

export interface Decision {
  outcome: Outcome;
  /** the intent answered; for clarify and fallback the best candidate, if any */
  intent: string | undefined;
  confidence: number;
  candidates: Candidate[];
}

/** The words of a message an intent's rules account for (phrases and entities). */
export type Explainer = (intent: string, u: Understanding) => Set<string>;

/**
 * Rules, retrieval and confidence together. Every intent that a rule matched or that has a near
 * example is scored by how much of the message's weight it explains (rule phrases and its best
 * example's shared words), blended with that example's similarity, with a bonus for rule matches.
 * The best score is the confidence; thresholds turn it into answer, clarify or fallback.
 */
export class Decider {
  constructor(
    readonly settings: DecisionSettings,
    private readonly weights: WordWeights,
    private readonly examples: ExampleIndex,
    private readonly explain: Explainer,
  ) {}

  decide(u: Understanding, rules: Classification | undefined, options: { directIntents?: ReadonlySet<string> } = {}): Decision {
    const s = u.language === 'en' ? { ...this.settings, answer: this.settings.answerEnglish, clarify: this.settings.clarifyEnglish } : this.settings;
    const { text } = u;
    const weighed = this.weights.weigh(text);
    const total = weighed.reduce((sum, w) => sum + w.weight, 0);
    // Nothing of weight ("cảm ơn", "ok", "ở đâu?"): the rules alone can tell.
    if (total < s.minWeight || (rules && options.directIntents?.has(rules.intent))) {
      return rules
        ? { outcome: 'answer', intent: rules.intent, confidence: 1, candidates: [] }
        : { outcome: 'fallback', intent: undefined, confidence: 0, candidates: [] };
    }
    // an intent whose rules are far below the winner's priority counts as found by retrieval alone
    const top = rules?.priorities.get(rules.intent) ?? 0;
    const ruled = rules ? [rules.intent, ...rules.alternatives.filter((i) => top - (rules.priorities.get(i) ?? 0) < s.priorityGap)] : [];
    const matches: ExampleMatch[] = s.retrieval ? this.examples.match(text, s.examplesTogether, s.retrievalCandidates) : [];
    const byIntent = new Map(matches.map((m) => [m.intent, m] as const));
    const intents = [...new Set([...(rules ? [rules.intent, ...rules.alternatives] : []).filter((i) => !i.startsWith('@')), ...matches.map((m) => m.intent)])];
    const candidates = intents
      .map((intent): Candidate => {
        const match = byIntent.get(intent) ?? (s.retrieval ? this.examples.matchIntent(intent, text, s.examplesTogether) : undefined);
        const explained = new Set([...this.explain(intent, u), ...(match?.explained ?? [])]);
        const coverage = weighed.reduce((sum, w) => sum + (explained.has(w.word) ? w.weight : 0), 0) / total;
        const similarity = match?.similarity ?? 0;
        const isRuled = ruled.includes(intent);
        const blended = s.coverageShare * coverage + (1 - s.coverageShare) * similarity;
        // found by its examples alone; one shared word ("xong", "the") is no evidence of a topic. (A similarity of 1 is
        // no proof the message is the example: stop words weigh nothing, so "khi nào phải làm lại thẻ căn cước" and
        // "what is a citizen identification card" score 1; an example met word for word is answered below.)
        const alone = (match?.shared.size ?? 0) < 2 ? s.retrievalOnly / 2 : s.retrievalOnly;
        const score = isRuled ? blended + s.ruleBonus + (intent === rules?.intent ? s.winnerBonus : 0) : blended * alone;
        return { intent, score, coverage, similarity, ruled: isRuled };
      })
      .sort((a, b) => b.score - a.score);
    // a question an editor taught as an example, met word for word, is answered as taught (one taught as out of scope falls back)
    const taughtIntent = s.retrieval && s.exampleDecides ? this.examples.exact(text) : undefined;
    if (taughtIntent === OUT_OF_SCOPE) return { outcome: 'fallback', intent: undefined, confidence: 1, candidates };
    if (taughtIntent) {
      const chosen = candidates.find((c) => c.intent === taughtIntent);
      return { outcome: 'answer', intent: taughtIntent, confidence: 1, candidates: chosen ? [chosen, ...candidates.filter((c) => c !== chosen)] : candidates };
    }
    const best = candidates[0];
    if (!best) return { outcome: 'fallback', intent: undefined, confidence: 0, candidates };
    const confidence = Number(Math.min(1, best.score).toFixed(3));
    if (best.intent === OUT_OF_SCOPE) return { outcome: 'fallback', intent: undefined, confidence, candidates };
    const second = candidates.find((c) => c !== best && c.intent !== OUT_OF_SCOPE);
    const clear = !second || best.score - second.score >= s.margin || best.intent === rules?.intent;
    // an answer must account for a fair share of what was asked, however sure the rules are
    const explains = best.coverage >= s.minCoverage;
    // the example questions point clearly elsewhere: the rules may have fired on a phrase the question shares with another topic
    const nearest = candidates.reduce((a, c) => (c.similarity > a.similarity ? c : a), best);
    if (best.coverage < s.trustCoverage && nearest.similarity - best.similarity > s.disagreement) {
      if (nearest.intent === OUT_OF_SCOPE || best.score < s.clarify) return { outcome: 'fallback', intent: best.intent, confidence, candidates };
      // two topics whose answers share their facts (the card and its renewal): the example questions' one is answered
      const siblings = s.siblings?.some((pair) => pair.includes(best.intent) && pair.includes(nearest.intent));
      if (siblings) return { outcome: 'answer', intent: nearest.intent, confidence, candidates: [nearest, best] };
      return { outcome: 'clarify', intent: best.intent, confidence, candidates: [best, nearest] };
    }
    // the rules and the nearest example question name the same topic: two independent readings agree
    const agreed = best.intent === rules?.intent && nearest.intent === best.intent && nearest.similarity > 0;
    const bar = agreed ? Math.min(s.answer, s.answerAgreed) : s.answer;
    if (best.score >= bar && clear && explains) return { outcome: 'answer', intent: best.intent, confidence, candidates };
    if (best.score >= s.clarify) {
      const offered = candidates.filter((c) => c.intent !== OUT_OF_SCOPE && best.score - c.score <= s.clarifyBand).slice(0, 3);
      if (offered.length >= 2) return { outcome: 'clarify', intent: best.intent, confidence, candidates: offered };
      if (best.score >= s.answer && explains) return { outcome: 'answer', intent: best.intent, confidence, candidates };
      if (second) return { outcome: 'clarify', intent: best.intent, confidence, candidates: [best, second] };
    }
    return { outcome: 'fallback', intent: best.intent, confidence, candidates };
  }
}
