/**
 * Chooses the decision thresholds (data/decision.json) by measurement: runs the tuning questions
 * (in scope and out of scope) under a grid of settings and prints correct / clarified / fallback /
 * wrong for the best ones. Blind files are never read here.
 *   npx tsx bench/tune-thresholds.ts [--no-retrieval]
 */
import { loadKnowledge } from '../src/core/build.js';
import { readSamples, verdictOf, type Verdict } from '../src/cli/eval.js';
import type { DecisionSettings } from '../src/knowledge/decide.js';

// --validate: the blind files, once their blind figures are recorded (data/samples/README.md), as a validation set
// (the tuning files are examples now, so they no longer tell thresholds apart)
const validate = process.argv.includes('--validate');
const TUNE_IN = validate
  ? ['data/samples/real-blind.jsonl', 'data/samples/real2-blind.jsonl', 'data/samples/questions-dev.jsonl']
  : ['data/samples/real-tune.jsonl', 'data/samples/questions-dev.jsonl', 'data/samples/questions-holdout.jsonl', 'data/samples/questions-holdout5.jsonl'];
const TUNE_OUT = validate ? ['data/samples/oos-blind.jsonl', 'data/samples/oos2-blind.jsonl'] : ['data/samples/oos-tune.jsonl'];

const k = loadKnowledge();
const settings = k.topics.decider.settings as DecisionSettings;
if (process.argv.includes('--no-retrieval')) settings.retrieval = false;

function questions(files: string[]) {
  return files.flatMap((f) => readSamples(f).filter((s) => s.text).map((s) => ({ u: k.understander.understand(s.text!), expected: s.intents ?? [] })));
}
const inScope = questions(TUNE_IN);
const outOfScope = questions(TUNE_OUT);

async function measure(qs: typeof inScope): Promise<Record<Verdict, number>> {
  const counts: Record<Verdict, number> = { correct: 0, clarified: 0, fallback: 0, wrong: 0 };
  for (const q of qs) {
    const found = await k.topics.find(q.u, {});
    const intent = found.outcome === 'clarify' ? 'clarify' : found.outcome === 'fallback' ? 'fallback' : (found.intent ?? 'fallback');
    counts[verdictOf(q.expected, intent)]++;
  }
  return counts;
}

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;
const line = (c: Record<Verdict, number>, n: number) => `correct ${pct(c.correct, n)} clarified ${pct(c.clarified, n)} fallback ${pct(c.fallback, n)} wrong ${pct(c.wrong, n)}`;

const rows: { key: string; score: number; text: string }[] = [];
for (const answer of [0.55, 0.6, 0.65, 0.7, 0.75]) {
  for (const clarify of [0.45, 0.5, 0.55, 0.6]) {
    if (clarify >= answer) continue;
    for (const retrievalOnly of [0.5, 0.6, 0.75]) {
      for (const minCoverage of [0.3, 0.4, 0.5]) {
        Object.assign(settings, { answer, clarify, retrievalOnly, minCoverage });
        const i = await measure(inScope);
        const o = await measure(outOfScope);
        // Wrong answers cost citizens most: each counts three times against a correct one.
        const score = (i.correct - 3 * i.wrong - 0.5 * i.clarified) / inScope.length + (o.correct - 3 * o.wrong - 0.5 * o.clarified) / outOfScope.length;
        rows.push({ key: JSON.stringify({ answer, clarify, retrievalOnly, minCoverage }), score, text: `in: ${line(i, inScope.length)} | out: ${line(o, outOfScope.length)}` });
      }
    }
  }
}
rows.sort((a, b) => b.score - a.score);
console.log(`tuning questions: ${inScope.length} in scope, ${outOfScope.length} out of scope; retrieval ${settings.retrieval ? 'on' : 'off'}`);
for (const r of rows.slice(0, 12)) console.log(`${r.score.toFixed(3)} ${r.key}\n      ${r.text}`);
