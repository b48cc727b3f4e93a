import { performance } from 'node:perf_hooks';
import { createAssistant, loadKnowledge, type KnowledgeParts } from '../src/core/build.js';
import { KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import type { IntentRule } from '../src/knowledge/rule-file.js';
import { readSamples, runEval } from '../src/cli/eval.js';
import { LocalStore } from '../src/storage/local-store.js';
import { percentile } from './stats.js';

export interface PipelineFigures {
  rules: number;
  accuracy: number;
  p50_ms: number;
  p99_ms: number;
  messages: number;
}


/** Rules on made-up topics, each with its own key phrases, to grow the knowledge base. */
export function syntheticRules(n: number): IntentRule[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `synthetic ${i}`,
    priority: 50,
    conditions: { all: [{ fact: 'text', operator: 'mentionsAny', value: [`chu de ${i} mau`, `synth${i}`] }, { fact: 'text', operator: 'mentionsAny', value: ['hoi', 'ask'] }] },
    event: { type: `synthetic.${i}` },
  }));
}

/** Time per message through the whole pipeline (understand, rules, render, session in memory). */
export async function measurePipeline(questionsFile: string, extraRules = 0, rounds = 20, retrieval = true): Promise<PipelineFigures> {
  const base = loadKnowledge();
  base.topics.decider.settings.retrieval = retrieval;
  const grown = extraRules > 0 ? new KnowledgeBase([...base.knowledge.rules, ...syntheticRules(extraRules)]) : undefined;
  const knowledge: KnowledgeParts = grown ? { ...base, knowledge: grown, topics: base.topics.withKnowledge(grown) } : base;
  const assistant = createAssistant({ store: LocalStore.memory() }, knowledge);
  const samples = readSamples(questionsFile);
  const results = await runEval(assistant, samples); // also warms the engine cache
  const accuracy = results.filter((r) => r.correct).length / results.length;
  // steady state: a few untimed rounds first, so the timing is not of the compiler warming up
  for (let round = 0; round < Math.min(rounds, 3); round++) for (const s of samples) await assistant.handle({ channel: 'console', userId: `warm-${round}-${s.id}`, text: s.text ?? '' });
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const s of samples) {
      const t0 = performance.now();
      await assistant.handle({ channel: 'console', userId: `bench-${round}-${s.id}`, text: s.text ?? '' });
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  return { rules: knowledge.knowledge.rules.length, accuracy, p50_ms: percentile(times, 50), p99_ms: percentile(times, 99), messages: times.length };
}
