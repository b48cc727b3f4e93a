// npm run bench: the figures of the issues, printed as tables and written to bench/results.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { performance } from 'node:perf_hooks';
import { importPlan } from '../src/tasks/import/import-plan.js';
import { UnitDirectory } from '../src/tasks/units.js';
import { measureBaseline } from './baseline.js';
import { measureMemory } from './memory.js';
import { measurePipeline } from './pipeline.js';
import { median } from './stats.js';
import { measureWebhookLoad } from './webhook-load.js';

const say = (s: string) => process.stderr.write(`${s}\n`);
const results: Record<string, unknown> = { when: new Date().toISOString() };

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const haveRedis = await reachable(redisUrl);
if (!haveRedis) say(`No Redis at ${redisUrl}: the two-instance figures are skipped (start one with: redis-server --port 6379 --save "")`);

/**
 * The speed of this machine at the moment: a fixed loop of integer work, timed. This machine is a
 * shared VM whose speed changes by tens of percent within minutes; the figure lets runs be compared.
 */
function calibrationMs(): number {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 200_000_000; i++) x = (x + (i % 7)) | 0;
  if (x === 42) say('');
  return +(performance.now() - t0).toFixed(0);
}
results.calibration_ms_start = calibrationMs();
say(`calibration loop: ${results.calibration_ms_start} ms (lower is a faster machine right now)`);

// 1. pipeline, with the knowledge base grown by synthetic rules; five runs each, the median shown
const pipeline = [];
for (const [extra, retrieval] of [[0, false], [0, true], [500, true], [2000, true]] as const) {
  say(`pipeline: +${extra} synthetic rules, retrieval ${retrieval ? 'on' : 'off'}...`);
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await measurePipeline('data/samples/questions-dev.jsonl', extra, 20, retrieval));
  const p99s = runs.map((r) => r.p99_ms);
  pipeline.push({
    benchmark: `${extra === 0 ? 'real knowledge base' : `real + ${extra} synthetic rules`}${retrieval ? '' : ', rules alone (no retrieval)'}`,
    rules: runs[0]!.rules,
    messages: runs[0]!.messages,
    p50_ms: +median(runs.map((r) => r.p50_ms)).toFixed(3),
    p99_ms: +median(p99s).toFixed(3),
    p99_range_ms: `${Math.min(...p99s).toFixed(2)}-${Math.max(...p99s).toFixed(2)}`,
    gc_pauses: median(runs.map((r) => r.gc_pauses)),
    gc_median_ms: +median(runs.map((r) => r.gc_median_ms)).toFixed(2),
    p99_without_gc_ms: +median(runs.map((r) => r.p99_without_gc_ms)).toFixed(3),
  });
}
const semiSpace = process.execArgv.find((a) => a.startsWith('--max-semi-space-size'));
console.log(`\nPipeline time per message (one process, ${semiSpace ? `${semiSpace} as in npm start` : "V8's default young generation"}, dev questions x20, median of 5 runs; gc: collections during the timed`);
console.log('messages and their median pause; p99_without_gc: the p99 of the messages during which none ran):');
console.table(pipeline);
results.pipeline = pipeline;
if (process.argv.includes('--pipeline')) {
  writeFileSync('bench/results-pipeline.json', `${JSON.stringify(results, null, 2)}\n`);
  say('--pipeline: the other benchmarks are skipped (figures written to bench/results-pipeline.json)');
  process.exit(0);
}

// 2. accuracy, ours against node-nlp trained on the dev questions
const files = ['data/samples/questions-dev.jsonl', 'data/samples/questions-holdout.jsonl', 'data/samples/questions-holdout2.jsonl', 'data/samples/questions-holdout3.jsonl', 'data/samples/questions-holdout4.jsonl', 'data/samples/questions-holdout5.jsonl', 'data/samples/questions-extra.jsonl'];
say('baseline: training node-nlp on the dev questions...');
const baseline = await measureBaseline(files[0]!, files);
const ours = await Promise.all(files.map(async (f) => (await measurePipeline(f, 0, 1)).accuracy));
const accuracy = files.map((f, i) => ({ file: f.replace('data/samples/', ''), ours: `${(100 * ours[i]!).toFixed(1)}%`, node_nlp: `${(100 * baseline.accuracy[f]!).toFixed(1)}%` }));
console.log('\nAccuracy (node-nlp trained on questions-dev only; the other files are questions it never saw):');
console.table(accuracy);
console.log(`node-nlp time per message: p50 ${baseline.p50_ms.toFixed(3)} ms, p99 ${baseline.p99_ms.toFixed(3)} ms (ours: see the pipeline table)`);
results.accuracy = accuracy;
results.baseline_time = { p50_ms: baseline.p50_ms, p99_ms: baseline.p99_ms };

// 3. webhook throughput: the most the webhook takes (autocannon, closed loop), then updates sent at a
// fixed rate as a platform does, to see up to which rate answers keep up (answered/s = offered, and
// the time to answer stays short)
const load = [];
say('webhook load: one instance, SQLite...');
load.push(await measureWebhookLoad({ instances: 1, redisUrl: undefined }));
if (haveRedis) {
  say('webhook load: one instance, Redis...');
  load.push(await measureWebhookLoad({ instances: 1, redisUrl }));
  say('webhook load: two instances sharing Redis...');
  load.push(await measureWebhookLoad({ instances: 2, redisUrl }));
  for (const rate of [250, 500, 1000, 1500]) {
    say(`webhook load: one instance, Redis, ${rate} updates/s sent evenly...`);
    load.push(await measureWebhookLoad({ instances: 1, redisUrl, rate }));
  }
  for (const rate of [500, 1000]) {
    say(`webhook load: two instances sharing Redis, ${rate} updates/s sent evenly...`);
    load.push(await measureWebhookLoad({ instances: 2, redisUrl, rate }));
  }
}
console.log('\nTelegram webhook on loopback, outgoing calls to a local stub (offered 0: autocannon, 50 connections, 10 s; otherwise sent evenly for 10 s):');
console.table(load);
results.webhook = load;

// 4. memory
const messages = Number(process.env.BENCH_MESSAGES || 100_000);
say(`memory: ${messages} messages from ${messages / 10} users...`);
const memory = await measureMemory(messages, messages / 10, haveRedis ? redisUrl : undefined);
console.log(`\nMemory (${memory.gc ? 'after a forced GC at each reading' : 'no forced GC: run with node --expose-gc'}; the second half of the messages comes from new people):`);
console.table([memory]);
results.memory = memory;

// 5. import time of the largest plan
const units = UnitDirectory.load('data/units.json');
const text = readFileSync('data/plans/003_052f70aba357119c.txt', 'utf8');
const times: number[] = [];
for (let i = 0; i < 20; i++) {
  const t0 = performance.now();
  importPlan('003_052f70aba357119c.txt', text, units);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const importFigures = { plan: '003 (55 KB)', median_ms: +times[10]!.toFixed(1), max_ms: +times[19]!.toFixed(1) };
console.log('\nImport of the largest plan:');
console.table([importFigures]);
results.import = importFigures;

results.calibration_ms_end = calibrationMs();
console.log(`\nCalibration loop (the machine's speed): ${results.calibration_ms_start} ms at the start, ${results.calibration_ms_end} ms at the end`);
writeFileSync('bench/results.json', JSON.stringify(results, null, 2));
console.log('\nwritten to bench/results.json');
process.exit(0);
