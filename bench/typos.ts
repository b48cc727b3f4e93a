/**
 * How well questions typed with slips are still understood. Every question of the dev and holdout sets
 * (in scope) and of the near-domain files is folded (no diacritics, as most people type in chat), then
 * asked as typed, with one slip and with two: a letter left out, two neighbouring letters swapped, a
 * letter doubled, or a letter replaced by its neighbour on the keyboard, in a word of four letters or
 * more. The slips are chosen from a hash of the question's id (the same every run; `--seed S` for
 * another draw). Prints correct / clarified / fallback / wrong for each.
 *   npx tsx bench/typos.ts [--seed S]
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, loadKnowledge } from '../src/core/build.js';
import { readSamples, verdictLine, verdictOf, type Verdict } from '../src/cli/eval.js';
import { fold } from '../src/nlu/fold.js';
import { withSlips } from '../test/helpers/slips.js';

const seedAt = process.argv.indexOf('--seed');
const seed = seedAt >= 0 ? process.argv[seedAt + 1] : '';
const samplesDir = join(PROJECT_ROOT, 'data/samples');
const files = readdirSync(samplesDir);
const sets = {
  'in scope (dev, holdouts)': files.filter((f) => /^questions-(dev|holdout\d*)\.jsonl$/.test(f)),
  'near-domain (correct = fallback)': files.filter((f) => /^oos\d*-(tune|blind)\.jsonl$/.test(f)),
};

const k = loadKnowledge();
type Counts = Record<Verdict, number>;

console.log(`typing slips${seed ? `, seed ${seed}` : ''}`);
for (const [name, list] of Object.entries(sets)) {
  const questions = list.flatMap((f) => readSamples(join(samplesDir, f)).filter((s) => s.text && s.intents));
  console.log(name);
  for (const slips of [0, 1, 2]) {
    const counts: Counts = { correct: 0, clarified: 0, fallback: 0, wrong: 0 };
    for (const q of questions) {
      const typed = withSlips(fold(q.text!).toLowerCase().replace(/\s+/g, ' ').trim(), q.id, slips, seed);
      const found = await k.topics.find(k.understander.understand(typed), {});
      const intent = found.outcome === 'answer' ? (found.intent ?? 'fallback') : found.outcome;
      counts[verdictOf(q.intents!, intent)]++;
    }
    console.log(`  ${slips} slip${slips === 1 ? ' ' : 's'}  ${verdictLine(counts)}`);
  }
}
