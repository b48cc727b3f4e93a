import { readFileSync } from 'node:fs';
import type { Assistant } from '../core/assistant.js';

/** A line of a question file ({"text"}) or of a dialogue file ({"turns": [...]}). */
interface SampleLine {
  id: string;
  text?: string;
  intents?: string[];
  tags?: string[];
  turns?: { text: string; intents: string[] }[];
}

export interface EvalResult {
  id: string;
  turn: number;
  text: string;
  expected: string[];
  intent: string;
  reply: string;
  tags: string[];
  correct: boolean;
}

export function readSamples(file: string): SampleLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, n }) => {
      try {
        return JSON.parse(line) as SampleLine;
      } catch {
        throw new Error(`${file}:${n}: not a JSON line`);
      }
    });
}

/** Asks every question (each in a fresh session) and every dialogue (turns in one session). */
export async function runEval(assistant: Assistant, samples: SampleLine[]): Promise<EvalResult[]> {
  const results: EvalResult[] = [];
  for (const sample of samples) {
    const turns = sample.turns ?? [{ text: sample.text ?? '', intents: sample.intents ?? [] }];
    const tags = sample.tags ?? (sample.turns ? ['dialogue'] : []);
    const userId = `eval-${sample.id}`;
    for (const [turn, t] of turns.entries()) {
      const reply = await assistant.handle({ channel: 'console', userId, text: t.text });
      results.push({
        id: sample.id,
        turn,
        text: t.text,
        expected: t.intents,
        intent: reply.intent,
        reply: reply.text,
        tags,
        correct: t.intents.includes(reply.intent),
      });
    }
  }
  return results;
}

const pct = (n: number, d: number): string => `${((100 * n) / Math.max(d, 1)).toFixed(1)}%`;

export function summarise(results: EvalResult[]): string {
  const lines: string[] = [];
  const correct = results.filter((r) => r.correct).length;
  const byTag = new Map<string, { n: number; ok: number }>();
  for (const r of results) {
    for (const tag of r.tags) {
      const t = byTag.get(tag) ?? { n: 0, ok: 0 };
      t.n++;
      if (r.correct) t.ok++;
      byTag.set(tag, t);
    }
  }
  const misses = results.filter((r) => !r.correct);
  if (misses.length > 0) {
    lines.push('Misses:');
    for (const m of misses) lines.push(`  ${m.id}#${m.turn} "${m.text}": expected ${m.expected.join('|')}, got ${m.intent}`);
    lines.push('');
  }
  lines.push('By tag:');
  for (const [tag, t] of [...byTag].sort()) lines.push(`  ${tag.padEnd(10)} ${pct(t.ok, t.n).padStart(6)}  (${t.ok}/${t.n})`);
  lines.push(`Accuracy: ${pct(correct, results.length)} (${correct}/${results.length})`);
  return lines.join('\n');
}
