import type { Facet } from '../core/locale.js';
import type { Understanding } from '../nlu/understand.js';
import type { Candidate, Decider, Outcome } from './decide.js';
import type { FacetReader } from './facets.js';
import { factsOf, type KnowledgeBase } from './knowledge-base.js';

/** Intents the rules decide alone: conversation and officers' commands, where confidence measures nothing useful. */
const DIRECT = new Set(['greeting', 'help', 'thanks', 'handoff.request', 'feedback.negative']);

export interface Finding {
  outcome: Outcome | 'facet';
  /** the intent answered (for 'facet', what the reply counts as), or the best guess for clarify/fallback */
  intent: string | undefined;
  confidence: number;
  candidates: Candidate[];
  facet?: Facet;
  /** for an answer: the facets the question asks for ("mất bao lâu"), whose lines lead the answer */
  asked?: Facet[];
  /** the rule that matched first, if any (for eval --json) */
  rule?: string;
}

/**
 * From a message to a topic: a facet of the current topic ("mất bao lâu"), else the rules and the
 * retrieval second opinion weighed by the decider.
 */
export class TopicFinder {
  constructor(
    readonly knowledge: KnowledgeBase,
    readonly decider: Decider,
    private readonly facets: FacetReader,
  ) {}

  /** The same finder over other rules (benchmarks grow the rules with synthetic ones). */
  withKnowledge(knowledge: KnowledgeBase): TopicFinder {
    return new TopicFinder(knowledge, this.decider, this.facets);
  }

  /**
   * Other readings of the same message: an English question through the crosswalk (its Vietnamese gloss, where
   * the many Vietnamese example questions can vouch for it), a long letter by its asking sentence alone (its
   * story weighs against every topic). Another reading never brings a topic of its own: it answers only when it
   * confirms the best guess of the message as written (cross-validated, letting the gloss answer on its own
   * gained 7 more English questions for 6 more wrong answers).
   */
  async find(u: Understanding, context: { previousIntent?: string; isOfficer?: boolean }): Promise<Finding> {
    const written = await this.findOne(u, context);
    if (written.outcome === 'answer' || written.outcome === 'facet' || !written.intent) return written;
    for (const other of [u.gloss, u.question]) {
      if (!other) continue;
      const found = await this.findOne(other, context);
      if (found.outcome === 'answer' && found.intent === written.intent) return found;
    }
    return written;
  }

  private async findOne(u: Understanding, context: { previousIntent?: string; isOfficer?: boolean }): Promise<Finding> {
    const previous = context.previousIntent;
    const rules = await this.knowledge.classify(factsOf(u, context));
    if (rules?.intent.startsWith('officer.')) return { outcome: 'answer', intent: rules.intent, confidence: 1, candidates: [], rule: rules.rule };
    // a facet of the current topic: the facet's words and the topic's own words are all the message says
    // (a rule that names another topic, "làm mức 2 ở đâu", wins over the facet)
    const facet = previous ? this.facets.read(u, previous) : undefined;
    const sameTopic = !rules || [previous, '@previous', facet?.intent].includes(rules.intent);
    if (facet && sameTopic) return { outcome: 'facet', intent: facet.intent ?? previous, confidence: 1, candidates: [], facet: facet.facet };
    if (rules?.intent === '@previous') {
      return previous ? { outcome: 'answer', intent: previous, confidence: 1, candidates: [], rule: rules.rule } : { outcome: 'fallback', intent: undefined, confidence: 0, candidates: [] };
    }
    const decision = this.decider.decide(u, rules, { directIntents: DIRECT });
    const asked = decision.outcome === 'answer' ? this.facets.asked(u) : [];
    return { ...decision, ...(rules ? { rule: rules.rule } : {}), ...(asked.length > 0 ? { asked } : {}) };
  }
}
