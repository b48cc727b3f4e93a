// How long an agent's answer takes to reach the citizen: from the console's POST /api/admin/handoffs/:id/answer
// to the message in the Telegram emulator, and to the text on the web chat page in headless Chromium (which asks
// every 2 s while a request is open). Run: node --import tsx bench/handoff-latency.ts  (HANDOFF_BENCH_RUNS=10)
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { consoleSecurityFrom } from '../src/console/auth.js';
import { createConsole } from '../src/console/console-parts.js';
import { createAssistant, loadKnowledge } from '../src/core/build.js';
import { buildApp } from '../src/server/app.js';
import { LocalStore } from '../src/storage/local-store.js';
import { freePort } from '../src/util/free-port.js';
import { median, percentile } from './stats.js';

const RUNS = Number(process.env.HANDOFF_BENCH_RUNS || 10);
const token = '42:BENCH-token';
const tgPort = await freePort();
const telegram = new TelegramServer({ port: tgPort, host: '127.0.0.1', storeTimeout: 600 });
await telegram.start();
const store = LocalStore.memory();
const knowledge = loadKnowledge();
// Monday 09:00 in Vietnam, so the office is open
const clock = () => new Date('2026-11-23T02:00:00Z');
const env = { TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: `http://127.0.0.1:${tgPort}`, PUBLIC_URL: '' };
const parts = createConsole({ store, knowledge, clock, env });
const assistant = createAssistant({ store, clock }, knowledge);
const app = await buildApp({ assistant, store, channels: () => [], console: { parts, security: consoleSecurityFrom({ COOKIE_SECURE: 'false' }, 'bench-session-secret-bench-session-secret') } });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

// an administrator signed in through the API, as the console page does
await parts.accounts.add('bench', 'admin', 'bench-password-1');
const cookies = new Map<string, string>();
const keep = (res: Response) => res.headers.getSetCookie().forEach((c) => cookies.set(c.split('=')[0]!, c.split(';')[0]!));
const cookie = () => [...cookies.values()].join('; ');
const first = await fetch(`${base}/api/auth/csrf`);
keep(first);
const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookie(), 'x-csrf-token': ((await first.json()) as { token: string }).token }, body: JSON.stringify({ name: 'bench', password: 'bench-password-1' }) });
keep(login);
const csrf = ((await login.json()) as { csrf: string }).csrf;
const staff = (path: string, body: unknown = {}) => fetch(`${base}/api/admin/handoffs${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookie(), 'x-csrf-token': csrf }, body: JSON.stringify(body) });

async function answerTimes(channel: 'telegram' | 'web', open: (run: number) => Promise<{ userId: string; seen: () => Promise<void>; done?: () => Promise<void> }>): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const citizen = await open(run);
    const id = (await parts.handoff.book.activeFor(channel, citizen.userId))!.id;
    await staff(`/${id}/claim`);
    // an agent answers at any moment of the page's 2-second poll, not just after one
    await new Promise((r) => setTimeout(r, Math.random() * 2000));
    const started = performance.now();
    await staff(`/${id}/answer`, { text: `Trả lời số ${run}` });
    await citizen.seen();
    times.push(performance.now() - started);
    await citizen.done?.();
    await staff(`/${id}/close`, { outcome: 'answered' });
  }
  return times;
}

const telegramTimes = await answerTimes('telegram', async (run) => {
  const userId = String(9000 + run);
  await assistant.handle({ channel: 'telegram', userId, button: 'ho:ask' });
  return {
    userId,
    seen: async () => {
      const wanted = `Trả lời số ${run}`;
      while (!(telegram.storage.botMessages as { message: { text: string; chat_id: unknown } }[]).some((m) => String(m.message.chat_id) === userId && m.message.text.endsWith(wanted))) await new Promise((r) => setTimeout(r, 1));
    },
  };
});

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const webTimes = await answerTimes('web', async (run) => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await page.goto(base);
  await page.locator('.chips').waitFor();
  await page.getByLabel('Câu hỏi của bạn').fill('cho tôi gặp cán bộ');
  await page.getByRole('button', { name: 'Gửi', exact: true }).click();
  await page.getByRole('button', { name: 'Gửi câu hỏi cho cán bộ' }).click();
  await page.locator('.msg.bot', { hasText: 'Đã gửi câu hỏi' }).waitFor();
  const visitor = (await page.context().cookies()).find((c) => c.name === 'vid')!.value;
  return {
    userId: app.unsignCookie(decodeURIComponent(visitor)).value!,
    seen: () => page.locator('.msg.staff', { hasText: `Trả lời số ${run}` }).waitFor({ timeout: 10_000 }),
    done: () => page.context().close(),
  };
});
await browser.close();

const row = (name: string, xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return `${name.padEnd(34)} median ${median(xs).toFixed(0).padStart(5)} ms   p90 ${percentile(sorted, 90).toFixed(0).padStart(5)} ms   max ${sorted.at(-1)!.toFixed(0).padStart(5)} ms   (${xs.length} answers)`;
};
console.log('Agent answer → citizen (from the console API call to the message shown)');
console.log(row('Telegram (telegram-test-api)', telegramTimes));
console.log(row('Web chat page (Chromium, 2 s poll)', webTimes));
await app.close();
await telegram.stop();
process.exit(0);
