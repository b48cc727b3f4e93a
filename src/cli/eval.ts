import { readFileSync } from 'node:fs';
import type { Assistant } from '../core/assistant.js';
import { t } from './text.js';

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
  /** correct, clarified (asked "Ý bạn là…?"), fallback (said it does not know) or wrong (answered another topic) */
  verdict: Verdict;
  confidence: number | undefined;
  candidates: string[];
}

export type Verdict = 'correct' | 'clarified' | 'fallback' | 'wrong';

/**
 * How a reply is judged: the expected intent (or the fallback for a question out of scope) is correct;
 * "Ý bạn là…?" is clarified (counted apart, and not wrong); the fallback on a question the assistant
 * should know is an honest miss; any other topic is a confident wrong answer.
 */
export function verdictOf(expected: string[], intent: string): Verdict {
  if (expected.includes(intent)) return 'correct';
  if (intent === 'clarify') return 'clarified';
  if (intent === 'fallback') return 'fallback';
  return 'wrong';
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
        throw new Error(t('eval.not_json', { file, line: n }));
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
        verdict: verdictOf(t.intents, reply.intent),
        confidence: reply.confidence,
        candidates: reply.candidates ?? [],
      });
    }
  }
  return results;
}

const pct = (n: number, d: number): string => `${((100 * n) / Math.max(d, 1)).toFixed(1)}%`;

/** "correct 97.1%, clarified 1.0%, fallback 1.0%, wrong 1.0% (n=104)": the figure line of eval and the benchmarks. */
export function verdictLine(c: Record<Verdict, number>): string {
  const n = c.correct + c.clarified + c.fallback + c.wrong;
  return `correct ${pct(c.correct, n)}, clarified ${pct(c.clarified, n)}, fallback ${pct(c.fallback, n)}, wrong ${pct(c.wrong, n)} (n=${n})`;
}

function counts(results: EvalResult[]): string {
  const of = (v: Verdict) => results.filter((r) => r.verdict === v).length;
  return verdictLine({ correct: of('correct'), clarified: of('clarified'), fallback: of('fallback'), wrong: of('wrong') });
}

export function summarise(results: EvalResult[]): string {
  const lines: string[] = [];
  const correct = results.filter((r) => r.correct).length;
  const byTag = new Map<string, EvalResult[]>();
  for (const r of results) for (const tag of r.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), r]);
  const misses = results.filter((r) => !r.correct);
  if (misses.length > 0) {
    lines.push(t('eval.misses'));
    for (const m of misses) {
      const offered = m.verdict === 'clarified' ? ` [${m.candidates.join(', ')}]` : '';
      lines.push(t('eval.miss', { verdict: m.verdict.padEnd(9), id: m.id, turn: m.turn, text: m.text, expected: m.expected.join('|'), intent: m.intent, offered, confidence: m.confidence ?? '-' }));
    }
    lines.push('');
  }
  lines.push(t('eval.by_tag'));
  // The figure lines stay in English in both languages: scripts, tests and notes compare them ("All: correct 97.1%, …").
  for (const [tag, rs] of [...byTag].sort()) lines.push(`  ${tag.padEnd(10)} ${counts(rs)}`);
  lines.push(`All: ${counts(results)}`);
  lines.push(`Accuracy: ${pct(correct, results.length)} (${correct}/${results.length})`);
  return lines.join('\n');
}
