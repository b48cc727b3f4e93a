import { Engine, type Operator, type RuleResult } from 'json-rules-engine';
import type { Understanding } from '../nlu/understand.js';
import { mentions, operatorsFor, PhraseLists } from './operators.js';
import { factsReadBy, phrasesOf, withPhraseKeys, type Condition, type IntentRule } from './rule-file.js';
import { RuleIndex } from './rule-index.js';

/** The facts a rule may test. */
export interface MessageFacts {
  text: string;
  wordCount: number;
  levels: number[];
  levelCount: number;
  age: number | undefined;
  service: string | undefined;
  taskCode: string | undefined;
  days: number | undefined;
  language: string | undefined;
  previousIntent: string | undefined;
  isOfficer: boolean;
}

export interface Classification {
  intent: string;
  rule: string;
  /** the other intents whose rules matched, best first */
  alternatives: string[];
  /** the highest priority among each matched intent's rules */
  priorities: Map<string, number>;
}

/** The words of a message that an intent's rules account for: the words of its phrases found in it. */
export function wordsOfPhrasesIn(text: string, phrases: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const p of phrases) if (mentions(text, p)) for (const w of p.split(' ')) words.add(w);
  return words;
}

export function factsOf(u: Understanding, context: { previousIntent?: string; isOfficer?: boolean }): MessageFacts {
  return {
    text: u.text,
    wordCount: u.expanded.length,
    levels: u.entities.levels,
    levelCount: u.entities.levels.length,
    age: u.entities.age,
    service: u.entities.service,
    taskCode: u.entities.taskCode,
    days: u.entities.days,
    language: u.language,
    previousIntent: context.previousIntent,
    isOfficer: context.isOfficer ?? false,
  };
}

const ENGINE_CACHE_SIZE = 512;

/**
 * The rules and how they are run. A message is matched against the candidate
 * rules the index gives; of the rules that hold, the highest priority wins, and
 * among equals the one whose matched phrases are longest (the most specific).
 */
export class KnowledgeBase {
  private readonly index: RuleIndex;
  private readonly phrases: string[][];
  private readonly engines = new Map<string, { engine: Engine; facts: (keyof MessageFacts)[] }>();
  private readonly positionOf: Map<string, number>;
  /** the rules as the engine gets them: phrase lists replaced by their keys */
  private readonly engineRules: IntentRule[];
  private readonly operators: Operator[];
  private readonly phrasesByIntent = new Map<string, string[]>();
  private readonly factsByIntent = new Map<string, Set<string>>();

  constructor(readonly rules: readonly IntentRule[]) {
    this.index = new RuleIndex(rules);
    const lists = new PhraseLists();
    this.engineRules = rules.map((r) => withPhraseKeys(r, lists));
    this.operators = operatorsFor(lists);
    this.phrases = rules.map((r) => phrasesOf(r.conditions as Condition));
    this.positionOf = new Map(rules.map((r, i) => [r.name, i]));
    for (const [i, r] of rules.entries()) {
      const list = this.phrasesByIntent.get(r.event.type) ?? [];
      list.push(...this.phrases[i]!);
      this.phrasesByIntent.set(r.event.type, [...new Set(list)]);
      const facts = this.factsByIntent.get(r.event.type) ?? new Set<string>();
      for (const f of factsReadBy(r.conditions as Condition)) facts.add(f);
      this.factsByIntent.set(r.event.type, facts);
    }
  }

  /** The words of the message that some rule of `intent` names in its phrases, or reads as an entity (a level, an age, a service). */
  explainedBy(intent: string, u: Understanding): Set<string> {
    const words = wordsOfPhrasesIn(u.text, this.phrasesByIntent.get(intent) ?? []);
    const facts = this.factsByIntent.get(intent);
    if (facts?.has('levels') || facts?.has('levelCount')) for (const w of u.entities.words.levels) words.add(w);
    if (facts?.has('age')) for (const w of u.entities.words.age) words.add(w);
    if (facts?.has('service')) for (const w of u.entities.words.service) words.add(w);
    return words;
  }

  /** Every phrase of every rule, once. */
  domainPhrases(): string[] {
    return [...new Set(this.phrases.flat())];
  }

  /** Every word of every phrase: what typo correction may correct towards. */
  domainWords(): Set<string> {
    return new Set(this.phrases.flat().flatMap((p) => p.split(' ')));
  }

  get intents(): Set<string> {
    return new Set(this.rules.map((r) => r.event.type));
  }

  /**
   * Engines are cached per candidate set, with the facts their rules read (the engine makes an
   * object of every fact it is given, so it gets only those). They are never stopped, so
   * concurrent runs do not disturb each other.
   */
  private engineFor(candidates: number[]): { engine: Engine; facts: (keyof MessageFacts)[] } {
    const key = candidates.join(',');
    let cached = this.engines.get(key);
    if (!cached) {
      const rules = candidates.map((i) => this.engineRules[i]!);
      const engine = new Engine(
        rules,
        // Entities that were not found are undefined facts: their conditions fail, on purpose.
        { allowUndefinedFacts: true, replaceFactsInEventParams: false },
      );
      for (const op of this.operators) engine.addOperator(op);
      cached = { engine, facts: [...new Set(rules.flatMap((r) => factsReadBy(r.conditions as Condition)))] as (keyof MessageFacts)[] };
      if (this.engines.size >= ENGINE_CACHE_SIZE) this.engines.delete(this.engines.keys().next().value!);
      this.engines.set(key, cached);
    }
    return cached;
  }

  /** How many rules would be evaluated for this folded text (for tests and benchmarks). */
  candidateCount(text: string): number {
    return this.index.candidates(text).length;
  }

  private specificity(ruleName: string, text: string): number {
    const i = this.positionOf.get(ruleName) ?? -1;
    return (this.phrases[i] ?? []).filter((p) => mentions(text, p)).reduce((sum, p) => sum + p.length, 0);
  }

  async classify(facts: MessageFacts): Promise<Classification | undefined> {
    const candidates = this.index.candidates(facts.text);
    if (candidates.length === 0) return undefined;
    const { engine, facts: read } = this.engineFor(candidates);
    const { results } = await engine.run(Object.fromEntries(read.map((name) => [name, facts[name]])));
    if (results.length === 0) return undefined;
    const ranked = results
      .map((r: RuleResult) => ({ r, priority: r.priority ?? 1, spec: this.specificity(r.name, facts.text) }))
      .sort((a, b) => b.priority - a.priority || b.spec - a.spec);
    const best = ranked[0]!.r;
    const intent = best.event!.type;
    const priorities = new Map<string, number>();
    for (const x of ranked) if (!priorities.has(x.r.event!.type)) priorities.set(x.r.event!.type, x.priority);
    const alternatives = [...priorities.keys()].filter((i) => i !== intent);
    return { intent, rule: best.name, alternatives, priorities };
  }
}
