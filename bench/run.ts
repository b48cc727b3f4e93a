import { writeFileSync } from 'node:fs';
import { measurePipeline } from './pipeline.js';

const questions = 'data/samples/questions-dev.jsonl';
const rows = [];
for (const extra of [0, 500 - 0, 2000]) {
  const label = extra === 0 ? 'real knowledge base' : `real + ${extra} synthetic rules`;
  process.stderr.write(`measuring pipeline: ${label}...\n`);
  const f = await measurePipeline(questions, extra);
  rows.push({ benchmark: `pipeline, ${label}`, rules: f.rules, messages: f.messages, accuracy: `${(100 * f.accuracy).toFixed(1)}%`, p50_ms: f.p50_ms.toFixed(3), p99_ms: f.p99_ms.toFixed(3) });
}
console.table(rows);
writeFileSync('bench/results.json', JSON.stringify({ when: new Date().toISOString(), pipeline: rows }, null, 2));
console.log('written to bench/results.json');
