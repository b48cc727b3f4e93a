/**
 * How well questions typed with slips are still understood. Every question of the dev and holdout sets
 * (in scope) and of the near-domain files is folded (no diacritics, as most people type in chat), then
 * asked as typed, with one slip and with two: a letter left out, two neighbouring letters swapped, a
 * letter doubled, or a letter replaced by its neighbour on the keyboard, in a word of four letters or
 * more. The slips are chosen from a hash of the question's id (the same every run; `--seed S` for
 * another draw). Prints correct / clarified / fallback / wrong for each.
 *   npx tsx bench/typos.ts [--seed S]
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, loadKnowledge } from '../src/core/build.js';
import { readSamples, verdictOf, type Verdict } from '../src/cli/eval.js';
import { fold } from '../src/nlu/fold.js';

const seedAt = process.argv.indexOf('--seed');
const seed = seedAt >= 0 ? process.argv[seedAt + 1] : '';
const samplesDir = join(PROJECT_ROOT, 'data/samples');
const files = readdirSync(samplesDir);
const sets = {
  'in scope (dev, holdouts)': files.filter((f) => /^questions-(dev|holdout\d*)\.jsonl$/.test(f)),
  'near-domain (correct = fallback)': files.filter((f) => /^oos\d*-(tune|blind)\.jsonl$/.test(f)),
};

const KEYBOARD = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
function keyNeighbour(letter: string, pick: number): string {
  const row = KEYBOARD.find((r) => r.includes(letter));
  if (!row) return letter;
  const i = row.indexOf(letter);
  const options = [row[i - 1], row[i + 1]].filter((c): c is string => c !== undefined);
  return options[pick % options.length]!;
}

/** The text with `count` slips, drawn from a hash of `key`. */
function withSlips(text: string, key: string, count: number): string {
  const words = text.split(' ');
  for (let n = 0; n < count; n++) {
    const h = createHash('sha1').update(`${seed}:${key}:${n}`).digest();
    const long = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 4 && /^[a-z]+$/.test(w));
    if (long.length === 0) break;
    const [word, at] = long[h[0]! % long.length]!;
    const k = h[1]! % (word.length - 1);
    const kind = h[2]! % 4;
    words[at] =
      kind === 0 ? word.slice(0, k) + word.slice(k + 1)
      : kind === 1 ? word.slice(0, k) + word[k + 1] + word[k] + word.slice(k + 2)
      : kind === 2 ? word.slice(0, k) + word[k] + word.slice(k)
      : word.slice(0, k) + keyNeighbour(word[k]!, h[3]!) + word.slice(k + 1);
  }
  return words.join(' ');
}

const k = loadKnowledge();
type Counts = Record<Verdict, number>;
const line = (c: Counts): string => {
  const n = c.correct + c.clarified + c.fallback + c.wrong;
  const pct = (x: number) => `${((100 * x) / Math.max(n, 1)).toFixed(1)}%`;
  return `correct ${pct(c.correct)}, clarified ${pct(c.clarified)}, fallback ${pct(c.fallback)}, wrong ${pct(c.wrong)} (n=${n})`;
};

console.log(`typing slips${seed ? `, seed ${seed}` : ''}`);
for (const [name, list] of Object.entries(sets)) {
  const questions = list.flatMap((f) => readSamples(join(samplesDir, f)).filter((s) => s.text && s.intents));
  console.log(name);
  for (const slips of [0, 1, 2]) {
    const counts: Counts = { correct: 0, clarified: 0, fallback: 0, wrong: 0 };
    for (const q of questions) {
      const typed = withSlips(fold(q.text!).toLowerCase().replace(/\s+/g, ' ').trim(), q.id, slips);
      const found = await k.topics.find(k.understander.understand(typed), {});
      const intent = found.outcome === 'answer' ? (found.intent ?? 'fallback') : found.outcome;
      counts[verdictOf(q.intents!, intent)]++;
    }
    console.log(`  ${slips} slip${slips === 1 ? ' ' : 's'}  ${line(counts)}`);
  }
}
