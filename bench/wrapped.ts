/**
 * How well the real questions the project keeps are recognised when they come back typed another way:
 * folded and wrapped as in a chat ("chào ad, cho em hỏi … ạ"), or wrapped as a letter to a lawyer
 * ("Thưa luật sư, … Xin cảm ơn!"). The real questions are example questions, so this measures
 * the word-for-word match and the greetings set aside around it (`wrapping` in data/lexicon/weights.json),
 * not understanding of new questions (bench/cross-validate.ts does that). The wrappers are chosen from a
 * hash of the question's id (the same every run). Prints correct / clarified / fallback / wrong for each.
 *   npx tsx bench/wrapped.ts
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, loadKnowledge } from '../src/core/build.js';
import { readSamples, verdictLine, verdictOf, type Verdict } from '../src/cli/eval.js';
import { fold } from '../src/nlu/fold.js';

const CHAT = { before: ['chao ad, ', 'cho em hoi ', 'ad oi ', 'xin chao, cho toi hoi ', 'mn oi, '], after: [' a', ' vay mn', ' nhe', ' a, cam on ad', ' vay', ' ad oi'] };
const LETTER = {
  vi: { before: ['Thưa luật sư, ', 'Chào luật sư, ', 'Xin hỏi luật sư: ', 'Kính gửi luật sư, ', 'Tôi muốn hỏi: ', 'Thưa ông, '], after: [' Xin cảm ơn luật sư!', ' Tôi xin chân thành cảm ơn.', ' Xin cảm ơn!', ' Cảm ơn luật sư.'] },
  en: { before: ['Dear lawyer, ', 'I would like to ask: '], after: [' Thank you very much.', ' Please advise.'] },
};

const pick = (list: string[], key: string, salt: string) => list[createHash('sha1').update(`${salt}:${key}`).digest()[0]! % list.length]!;
const chatTyped = (text: string, id: string) =>
  pick(CHAT.before, id, 'b') + fold(text).toLowerCase().replace(/[?.!]+\s*$/, '').replace(/\s+/g, ' ').trim() + pick(CHAT.after, id, 'a');
const asLetter = (text: string, id: string, english: boolean) => {
  const style = english ? LETTER.en : LETTER.vi;
  return pick(style.before, id, 'b') + text.trim() + pick(style.after, id, 'a');
};

const samplesDir = join(PROJECT_ROOT, 'data/samples');
const files = readdirSync(samplesDir);
const k = loadKnowledge();

for (const [name, pattern] of [
  ['in scope', /^real\d*-(tune|blind|samepage)\.jsonl$/],
  ['near-domain (correct = fallback)', /^oos\d*-(tune|blind|samepage)\.jsonl$/],
] as const) {
  const questions = files.filter((f) => pattern.test(f)).flatMap((f) => readSamples(join(samplesDir, f)).filter((s) => s.text && s.intents && !s.tags?.includes('variant')));
  console.log(`${name} (n=${questions.length})`);
  for (const [style, typed] of [
    ['as kept', (text: string) => text],
    ['chat, wrapped', (text: string, id: string) => chatTyped(text, id)],
    ['letter, wrapped', (text: string, id: string, english: boolean) => asLetter(text, id, english)],
  ] as const) {
    const counts: Record<Verdict, number> = { correct: 0, clarified: 0, fallback: 0, wrong: 0 };
    for (const q of questions) {
      const found = await k.topics.find(k.understander.understand(typed(q.text!, q.id, q.tags?.includes('en') ?? false)), {});
      counts[verdictOf(q.intents!, found.outcome === 'answer' ? (found.intent ?? 'fallback') : found.outcome)]++;
    }
    console.log(`  ${style.padEnd(16)} ${verdictLine(counts)}`);
  }
}
