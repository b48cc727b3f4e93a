import { performance } from 'node:perf_hooks';
import { NlpManager } from 'node-nlp';
import { readSamples } from '../src/cli/eval.js';
import { percentile } from './stats.js';

export interface BaselineFigures {
  accuracy: Record<string, number>;
  p50_ms: number;
  p99_ms: number;
}

/**
 * The baseline the issue asks for: node-nlp's classifier trained on the dev questions only, then
 * asked the same question files as our assistant. Its corpus is the raw questions; it has no rules.
 */
export async function measureBaseline(trainFile: string, testFiles: string[]): Promise<BaselineFigures> {
  // autoSave off: training must not leave a model.nlp file in the working folder
  const manager = new NlpManager({ languages: ['vi'], forceNER: false, autoSave: false, nlu: { log: false } });
  for (const s of readSamples(trainFile)) manager.addDocument('vi', s.text ?? '', s.intents?.[0] ?? 'fallback');
  await manager.train();
  const accuracy: Record<string, number> = {};
  const times: number[] = [];
  for (const file of testFiles) {
    const samples = readSamples(file).flatMap((s) => s.turns ?? [{ text: s.text ?? '', intents: s.intents ?? [] }]);
    let ok = 0;
    for (const s of samples) {
      const t0 = performance.now();
      const result = (await manager.process('vi', s.text)) as { intent: string; score: number };
      times.push(performance.now() - t0);
      const intent = result.intent === 'None' || result.score < 0.5 ? 'fallback' : result.intent;
      if (s.intents.includes(intent)) ok++;
    }
    accuracy[file] = ok / samples.length;
  }
  times.sort((a, b) => a - b);
  return { accuracy, p50_ms: percentile(times, 50), p99_ms: percentile(times, 99) };
}
