/**
 * How well the example questions generalise: k-fold cross-validation over every real question the
 * project keeps (data/samples/real*, oos*), folded by source page so a page's question and its
 * chat-typed variants are held out together. For each fold the knowledge base is loaded from a copy
 * of the project whose example files lack the held-out questions, and the held-out questions are
 * asked. The rules were written with these questions in view, so the figures are optimistic for the
 * rules; what they measure fairly is retrieval and the decision thresholds. The blind rounds in
 * data/samples/README.md are the honest figures.
 *   npx tsx bench/cross-validate.ts [--folds 5] [--set '{"answer":0.7}'] [--misses]
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT, loadKnowledge } from '../src/core/build.js';
import { readSamples, verdictLine, verdictOf, type Verdict } from '../src/cli/eval.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const folds = Number(arg('--folds') ?? 5);
const overrides = JSON.parse(arg('--set') ?? '{}') as Record<string, number | boolean>;
const showMisses = process.argv.includes('--misses');
// --only 4: ask only the questions of the files whose round matches (the others stay examples)
const only = arg('--only');

interface Question {
  id: string;
  text: string;
  expected: string[];
  fold: number;
  outOfScope: boolean;
  tags: string[];
}

const samplesDir = join(PROJECT_ROOT, 'data/samples');
const files = readdirSync(samplesDir).filter((f) => /^(real|oos)\d*-(tune|blind|samepage)\.jsonl$/.test(f) && (!only || f.replace(/\D/g, '') === only));
const questions: Question[] = files.flatMap((file) =>
  readSamples(join(samplesDir, file))
    .filter((s) => s.text)
    .map((s) => {
      const source = (s as { source?: string }).source ?? s.id;
      const fold = parseInt(createHash('sha1').update(source).digest('hex').slice(0, 8), 16) % folds;
      return { id: s.id, text: s.text!, expected: s.intents ?? [], fold, outOfScope: file.startsWith('oos'), tags: s.tags ?? [] };
    }),
);

const base = loadKnowledge();
const normalise = (text: string): string => base.understander.understand(text).text;
const normalisedOf = new Map(questions.map((q) => [q, normalise(q.text)] as const));

/** A copy of the project's knowledge whose example files leave out the given questions. */
function rootWithout(held: Set<string>): string {
  const root = mkdtempSync(join(tmpdir(), 'vneid-cv-'));
  for (const part of ['rules', 'locales', 'data']) cpSync(join(PROJECT_ROOT, part), join(root, part), { recursive: true });
  const dir = join(root, 'data/examples');
  for (const file of readdirSync(dir)) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    writeFileSync(join(dir, file), lines.filter((l) => l.startsWith('#') || !held.has(normalise(l.trim()))).join('\n'));
  }
  return root;
}

/** Short questions, longer ones, and letters (what a reader writes to a newspaper or a lawyer). */
const lengthBand = (text: string): string => {
  const words = text.split(/\s+/).filter(Boolean).length;
  return words < 12 ? 'words<12' : words < 40 ? 'words12-39' : 'words40+';
};

type Counts = Record<Verdict, number>;
const empty = (): Counts => ({ correct: 0, clarified: 0, fallback: 0, wrong: 0 });
const fold = [...Array(folds).keys()].map((f) => {
  const held = questions.filter((q) => q.fold === f);
  const root = rootWithout(new Set(held.map((q) => normalisedOf.get(q)!)));
  const k = loadKnowledge(root);
  rmSync(root, { recursive: true, force: true });
  return { k, held: held.map((q) => ({ q, u: k.understander.understand(q.text) })) };
});

/** Asks every held-out question under the given settings. */
async function measure(settings: Record<string, number | boolean>) {
  const inScope = empty();
  const outOfScope = empty();
  const byTag = new Map<string, Counts>();
  const misses: string[] = [];
  let bestRight = 0;
  let clarifyOffers = 0;
  let clarifyRight = 0;
  for (const { k, held } of fold) {
    Object.assign(k.topics.decider.settings, settings);
    for (const { q, u } of held) {
      const found = await k.topics.find(u, {});
      const intent = found.outcome === 'answer' ? (found.intent ?? 'fallback') : found.outcome;
      const verdict = verdictOf(q.expected, intent);
      (q.outOfScope ? outOfScope : inScope)[verdict]++;
      for (const tag of q.outOfScope ? [] : [...q.tags, lengthBand(q.text)]) {
        if (!byTag.has(tag)) byTag.set(tag, empty());
        byTag.get(tag)![verdict]++;
      }
      if (!q.outOfScope && q.expected.includes(found.candidates[0]?.intent ?? found.intent ?? '')) bestRight++;
      if (!q.outOfScope && found.outcome === 'clarify') {
        clarifyOffers++;
        if (found.candidates.some((c) => q.expected.includes(c.intent))) clarifyRight++;
      }
      if (verdict !== 'correct') misses.push(`${verdict.padEnd(9)} ${q.id} "${q.text.slice(0, 140)}" expected ${q.expected.join('|')}, got ${intent} (${found.confidence?.toFixed(2) ?? '-'})${showMisses ? ` [${found.candidates.slice(0, 3).map((c) => `${c.intent} ${c.score.toFixed(2)} cov ${c.coverage.toFixed(2)} sim ${c.similarity.toFixed(2)}${c.ruled ? ' rule' : ''}`).join('; ')}]` : ''}`);
    }
  }
  return { inScope, outOfScope, byTag, misses, bestRight, clarifyOffers, clarifyRight };
}

const share = (c: Counts, v: Verdict) => c[v] / (c.correct + c.clarified + c.fallback + c.wrong);

if (process.argv.includes('--grid')) {
  // wrong answers cost citizens most: each counts three times against a correct one; clarifying costs half
  const rows: { score: number; text: string }[] = [];
  for (const answer of [0.65, 0.7, 0.75, 0.8])
    for (const clarify of [0.55, 0.6, 0.65, 0.7])
      for (const retrievalOnly of [0.5, 0.6, 0.7])
        for (const minCoverage of [0.35, 0.4, 0.45]) {
          if (clarify >= answer) continue;
          const settings = { ...overrides, answer, clarify, retrievalOnly, minCoverage };
          const r = await measure(settings);
          const score = share(r.inScope, 'correct') - 3 * share(r.inScope, 'wrong') - 0.5 * share(r.inScope, 'clarified') + share(r.outOfScope, 'correct') - 3 * share(r.outOfScope, 'wrong');
          rows.push({ score, text: `${JSON.stringify(settings)}\n   in: ${verdictLine(r.inScope)}\n  out: ${verdictLine(r.outOfScope)}` });
        }
  rows.sort((a, b) => b.score - a.score);
  for (const r of rows.slice(0, 8)) console.log(r.score.toFixed(3), r.text);
} else {
  const r = await measure(overrides);
  if (showMisses) console.log(r.misses.join('\n'));
  console.log(`${folds}-fold cross-validation by source page, settings ${JSON.stringify(overrides)}`);
  console.log(`in scope:     ${verdictLine(r.inScope)}`);
  for (const tag of ['en', 'diac', 'nodiac', 'variant', 'words<12', 'words12-39', 'words40+']) if (r.byTag.has(tag)) console.log(`  ${tag.padEnd(8)} ${verdictLine(r.byTag.get(tag)!)}`);
  console.log(`in scope, best candidate right whatever the outcome: ${((100 * r.bestRight) / questions.filter((q) => !q.outOfScope).length).toFixed(1)}%`);
  console.log(`in scope, "Ý bạn là…?" that offers the right topic: ${((100 * r.clarifyRight) / Math.max(r.clarifyOffers, 1)).toFixed(1)}% of ${r.clarifyOffers}`);
  console.log(`out of scope: ${verdictLine(r.outOfScope)} (correct = fallback)`);
}
