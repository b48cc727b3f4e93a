import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { freePort } from '../src/util/free-port.js';

export interface LoadFigures {
  instances: number;
  store: string;
  requests_per_s: number;
  p50_ms: number;
  p99_ms: number;
  non_2xx: number;
  answered: number;
  /** updates answered a second, from the first request to the last answer */
  answered_per_s: number;
  duplicates: number;
}

const SECRET = 'bench-secret-0123456789';

/** A Bot API stand-in: answers getMe and counts sendMessage per chat. */
async function startStub() {
  const stub = Fastify();
  const perChat = new Map<string, number>();
  stub.post('/:bot/getMe', async () => ({ ok: true, result: { id: 1, is_bot: true, first_name: 'bench', username: 'bench_bot' } }));
  stub.post('/:bot/setWebhook', async () => ({ ok: true, result: true }));
  stub.post('/:bot/setMyCommands', async () => ({ ok: true, result: true }));
  stub.post('/:bot/sendMessage', async (req) => {
    const chat = String((req.body as { chat_id: number }).chat_id);
    perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
    return { ok: true, result: { message_id: 1, date: 0, chat: { id: chat, type: 'private' } } };
  });
  stub.post('/:bot/answerCallbackQuery', async () => ({ ok: true, result: true }));
  await stub.listen({ port: 0, host: '127.0.0.1' });
  return { stub, perChat, root: `http://127.0.0.1:${(stub.server.address() as { port: number }).port}` };
}

function startInstance(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/instance.ts'], { env: { ...process.env, ...env, PORT: String(port), TELEGRAM_BOT_TOKEN: '1:bench', TELEGRAM_WEBHOOK_SECRET: SECRET, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}`)));
  });
}

const QUESTIONS = ['dang ky muc 2 o dau', 'lam vneid ton tien ko', 'kích hoạt tài khoản thế nào', 'how to get a level 2 electronic ID', 'sổ hộ khẩu còn dùng không', 'xin chao'];

/** Throughput and latency of the Telegram webhook under autocannon, with 1 or 2 instances. */
export async function measureWebhookLoad(instances: number, redisUrl: string | undefined, seconds = 10): Promise<LoadFigures> {
  const { stub, perChat, root } = await startStub();
  const env: Record<string, string> = { TELEGRAM_API_ROOT: root, REDIS_URL: redisUrl ?? '', DATA_DIR: mkdtempSync(join(tmpdir(), 'vneid-bench-')) };
  const ports = await Promise.all(Array.from({ length: instances }, () => freePort()));
  const children = await Promise.all(ports.map((port) => startInstance(port, env)));
  const firstId = Math.floor(Math.random() * 1e9);
  let updateId = firstId;
  const run = (port: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}/webhooks/telegram`,
      connections: 50,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
          setupRequest: (req: autocannon.Request) => {
            const id = updateId++;
            const chat = 100_000 + (id % 10_000);
            req.body = JSON.stringify({ update_id: id, message: { message_id: id, date: 0, chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'B' }, text: QUESTIONS[id % QUESTIONS.length] } });
            return req;
          },
        },
      ],
    });
  const started = Date.now();
  const results = await Promise.all(ports.map((port) => run(port)));
  // let queued work finish: wait until no answer has come for a second (at most 60 s)
  let last = -1;
  let lastChange = Date.now();
  while (Date.now() - lastChange < 1000 && Date.now() - started < (seconds + 60) * 1000) {
    await new Promise((r) => setTimeout(r, 200));
    const now = [...perChat.values()].reduce((a, b) => a + b, 0);
    if (now !== last) {
      last = now;
      lastChange = Date.now();
    }
  }
  const elapsed = (lastChange - started) / 1000;
  children.forEach((c) => c.kill('SIGTERM'));
  await stub.close();
  const answered = [...perChat.values()].reduce((a, b) => a + b, 0);
  return {
    instances,
    store: redisUrl ? 'redis' : 'sqlite',
    requests_per_s: Math.round(results.reduce((n, r) => n + r.requests.average, 0)),
    p50_ms: Math.max(...results.map((r) => r.latency.p50)),
    p99_ms: Math.max(...results.map((r) => r.latency.p99)),
    non_2xx: results.reduce((n, r) => n + r.non2xx, 0),
    answered,
    answered_per_s: Math.round(answered / elapsed),
    // every request built was sent (also those still open when autocannon stopped); refused ones were not processed
    duplicates: Math.max(0, answered - (updateId - firstId - results.reduce((n, r) => n + r.non2xx, 0))),
  };
}
