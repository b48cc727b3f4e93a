import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { Pool } from 'undici';
import { freePort } from '../src/util/free-port.js';
import { percentile } from './stats.js';

export interface LoadFigures {
  instances: number;
  store: string;
  /** requests a second autocannon was asked to send (0: as fast as the connections allow) */
  offered_per_s: number;
  /** requests a second the webhook took */
  accepted_per_s: number;
  /** refused with 503 (too much in flight) or failed */
  refused: number;
  /** HTTP round trip of the webhook (200 comes before the answer is worked out) */
  http_p50_ms: number;
  http_p99_ms: number;
  answered: number;
  /** updates answered a second, from the first request to the last answer */
  answered_per_s: number;
  /** from sending the update to the stub receiving sendMessage */
  answer_p50_ms: number;
  answer_p99_ms: number;
  /** CPU time of the instance(s) per accepted update: what one update costs, whatever else runs on the machine */
  cpu_ms_per_update: number;
  duplicates: number;
}

export interface LoadOptions {
  instances: number;
  redisUrl: string | undefined;
  seconds?: number;
  /**
   * Updates a second, sent evenly (every 10 ms) whatever the answers: the way a platform delivers.
   * Unset: autocannon with 50 connections as fast as they go (the most the webhook takes).
   */
  rate?: number;
}

interface Sent {
  status: number;
}

/** Sends `rate` requests a second, evenly, for `seconds`, over many connections; `build` gives each body. */
async function sendPaced(
  url: string,
  rate: number,
  seconds: number,
  build: () => { chat: number; at: number; body: string },
  refused: (chat: number, at: number) => void,
): Promise<{ statuses: number[]; http: number[] }> {
  const { origin, pathname } = new URL(url);
  const pool = new Pool(origin, { connections: 256, pipelining: 1 });
  const statuses: number[] = [];
  const http: number[] = [];
  const pending: Promise<void>[] = [];
  const total = rate * seconds;
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    for (; sent < due; sent++) {
      const { chat, at, body } = build();
      const t0 = performance.now();
      pending.push(
        pool
          .request({ method: 'POST', path: pathname, headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body })
          .then(async (res): Promise<Sent> => {
            await res.body.dump();
            return { status: res.statusCode };
          })
          .catch((): Sent => ({ status: 0 }))
          .then(({ status }) => {
            if (status !== 200) refused(chat, at);
            statuses.push(status);
            http.push(performance.now() - t0);
          }),
      );
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.all(pending);
  await pool.close();
  return { statuses, http };
}

const SECRET = 'bench-secret-0123456789';
const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system) a process has used so far, from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
}

/** A Bot API stand-in: answers getMe and records when each chat got a sendMessage. */
async function startStub() {
  const stub = Fastify();
  const arrivals = new Map<number, number[]>();
  stub.post('/:bot/getMe', async () => ({ ok: true, result: { id: 1, is_bot: true, first_name: 'bench', username: 'bench_bot' } }));
  stub.post('/:bot/setWebhook', async () => ({ ok: true, result: true }));
  stub.post('/:bot/setMyCommands', async () => ({ ok: true, result: true }));
  stub.post('/:bot/sendMessage', async (req) => {
    const chat = Number((req.body as { chat_id: number }).chat_id);
    const list = arrivals.get(chat) ?? [];
    list.push(performance.now());
    arrivals.set(chat, list);
    return { ok: true, result: { message_id: 1, date: 0, chat: { id: chat, type: 'private' } } };
  });
  stub.post('/:bot/answerCallbackQuery', async () => ({ ok: true, result: true }));
  await stub.listen({ port: 0, host: '127.0.0.1' });
  return { stub, arrivals, root: `http://127.0.0.1:${(stub.server.address() as { port: number }).port}` };
}

function startInstance(port: number, env: Record<string, string>): Promise<ChildProcess> {
  // the young-generation size npm start uses, then any flags the operator adds
  const nodeArgs = ['--max-semi-space-size=4', ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bench/instance.ts'], {
    env: { ...process.env, ...env, PORT: String(port), TELEGRAM_BOT_TOKEN: '1:bench', TELEGRAM_WEBHOOK_SECRET: SECRET, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}`)));
  });
}


const QUESTIONS = ['dang ky muc 2 o dau', 'lam vneid ton tien ko', 'kích hoạt tài khoản thế nào', 'how to get a level 2 electronic ID', 'sổ hộ khẩu còn dùng không', 'xin chao'];
const USERS = 10_000;

/**
 * The Telegram webhook of 1 or 2 instances under autocannon. Each update's answer is matched to
 * its request per chat (answers to one person keep their order), which gives the time to answer.
 */
export async function measureWebhookLoad(options: LoadOptions): Promise<LoadFigures> {
  const { instances, redisUrl, seconds = 10, rate } = options;
  const { stub, arrivals, root } = await startStub();
  const env: Record<string, string> = { TELEGRAM_API_ROOT: root, REDIS_URL: redisUrl ?? '', DATA_DIR: mkdtempSync(join(tmpdir(), 'vneid-bench-')) };
  const ports = await Promise.all(Array.from({ length: instances }, () => freePort()));
  const children = await Promise.all(ports.map((port) => startInstance(port, env)));
  const cpuBefore = children.map((c) => cpuMs(c.pid!));
  const sent = new Map<number, number[]>();
  let updateId = Math.floor(Math.random() * 1e9);
  const firstId = updateId;
  const build = (): { chat: number; at: number; body: string } => {
    const id = updateId++;
    const chat = 100_000 + (id % USERS);
    const at = performance.now();
    const list = sent.get(chat) ?? [];
    list.push(at);
    sent.set(chat, list);
    return { chat, at, body: JSON.stringify({ update_id: id, message: { message_id: id, date: 0, chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'B' }, text: QUESTIONS[id % QUESTIONS.length] } }) };
  };
  /** A refused update is never answered: it leaves the pairing of sends and answers. */
  const refusedOne = (chat: number, at: number) => {
    const list = sent.get(chat) ?? [];
    list.splice(list.indexOf(at), 1);
  };
  const runAutocannon = (port: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}/webhooks/telegram`,
      connections: 50,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
          setupRequest: (req: autocannon.Request) => ({ ...req, body: build().body }),
        },
      ],
    }).then((r) => ({ refused: r.non2xx + r.errors, p50: r.latency.p50, p99: r.latency.p99 }));
  const runPaced = (port: number) =>
    sendPaced(`http://127.0.0.1:${port}/webhooks/telegram`, rate! / instances, seconds, build, refusedOne).then(({ statuses, http }) => {
      http.sort((a, b) => a - b);
      return { refused: statuses.filter((x) => x !== 200).length, p50: percentile(http, 50), p99: percentile(http, 99) };
    });
  const started = performance.now();
  const results = await Promise.all(ports.map((port) => (rate ? runPaced(port) : runAutocannon(port))));
  const total = () => [...arrivals.values()].reduce((n, l) => n + l.length, 0);
  // let queued work finish: wait until no answer has come for a second (at most 60 s)
  let last = -1;
  let lastChange = performance.now();
  while (performance.now() - lastChange < 1000 && performance.now() - started < (seconds + 60) * 1000) {
    await new Promise((r) => setTimeout(r, 200));
    if (total() !== last) {
      last = total();
      lastChange = performance.now();
    }
  }
  const cpu = children.reduce((n, c, i) => n + cpuMs(c.pid!) - cpuBefore[i]!, 0);
  children.forEach((c) => c.kill('SIGTERM'));
  await stub.close();

  const refused = results.reduce((n, r) => n + r.refused, 0);
  const accepted = updateId - firstId - refused;
  const answered = total();
  const lastAnswer = Math.max(...[...arrivals.values()].map((l) => l.at(-1)!));
  // autocannon does not say which requests were refused, so its runs give no time to answer when any were
  const waits: number[] = [];
  if (rate || refused === 0) for (const [chat, times] of arrivals) times.forEach((t, k) => waits.push(t - (sent.get(chat)?.[k] ?? t)));
  waits.sort((a, b) => a - b);
  return {
    instances,
    store: redisUrl ? 'redis' : 'sqlite',
    offered_per_s: rate ?? 0,
    accepted_per_s: Math.round(accepted / seconds),
    refused,
    http_p50_ms: +Math.max(...results.map((r) => r.p50)).toFixed(1),
    http_p99_ms: +Math.max(...results.map((r) => r.p99)).toFixed(1),
    answered,
    answered_per_s: Math.round(answered / ((lastAnswer - started) / 1000)),
    answer_p50_ms: +percentile(waits, 50).toFixed(1),
    answer_p99_ms: +percentile(waits, 99).toFixed(1),
    cpu_ms_per_update: +(cpu / Math.max(1, accepted)).toFixed(3),
    // every request built was sent (also those still open when autocannon stopped); refused ones were not processed
    duplicates: Math.max(0, answered - accepted),
  };
}
