import { PerformanceObserver, performance } from 'node:perf_hooks';
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
  /** young- and old-generation collections during the timed messages, and their median pause */
  gc_pauses: number;
  gc_median_ms: number;
  /** the p99 of the messages during which no collection ran (what the pipeline's own work costs) */
  p99_without_gc_ms: number;
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
  const pauses: { start: number; end: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ start: e.startTime, end: e.startTime + e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const spans: { start: number; end: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const s of samples) {
      const start = performance.now();
      await assistant.handle({ channel: 'console', userId: `bench-${round}-${s.id}`, text: s.text ?? '' });
      spans.push({ start, end: performance.now() });
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 20)); // gc entries are delivered asynchronously
  observer.disconnect();
  const times = spans.map((t) => t.end - t.start).sort((a, b) => a - b);
  const calm = spans.filter((t) => !pauses.some((p) => p.start < t.end && p.end > t.start)).map((t) => t.end - t.start).sort((a, b) => a - b);
  const pauseLengths = pauses.map((p) => p.end - p.start).sort((a, b) => a - b);
  return {
    rules: knowledge.knowledge.rules.length,
    accuracy,
    p50_ms: percentile(times, 50),
    p99_ms: percentile(times, 99),
    messages: times.length,
    gc_pauses: pauses.length,
    gc_median_ms: pauseLengths.length > 0 ? percentile(pauseLengths, 50) : 0,
    p99_without_gc_ms: percentile(calm, 99),
  };
}
