import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { RedisStore } from '../../src/storage/redis-store.js';
import { testAssistant } from '../helpers/assistant.js';
import { freePort } from '../../src/util/free-port.js';

const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
if (!REDIS_SERVER && !process.env.CI) console.warn('Redis restart test skipped: no redis-server binary here.');
let port = 0;
let server: ChildProcess | undefined;

async function startRedis(): Promise<void> {
  port ||= await freePort();
  server = spawn(REDIS_SERVER!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 400));
}

function stopRedis(): Promise<void> {
  return new Promise((resolve) => {
    if (!server || server.exitCode !== null) return resolve();
    server.once('exit', () => resolve());
    server.kill('SIGKILL');
  });
}

afterAll(stopRedis);

describe.runIf(Boolean(REDIS_SERVER))('Redis restarted during traffic', () => {
  it('answers "try again" while Redis is down and recovers without restarting the app', async () => {
    await startRedis();
    const store = new RedisStore(`redis://127.0.0.1:${port}`, 'restart-test');
    const app = await buildApp({ assistant: testAssistant({ store }), store, channels: () => [] });
    const chat = async (text: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/chat', payload: { userId: 'restart1', text } });
      return { status: res.statusCode, body: res.json() as { intent: string; reply: string } };
    };
    try {
      expect((await chat('dang ky muc 2 o dau')).body.intent).toBe('vneid.level2.how');

      await stopRedis();
      const t0 = Date.now();
      const down = await chat('co mat phi khong');
      expect(down.status).toBe(200);
      expect(down.body.intent).toBe('ui.error');
      expect(down.body.reply).toMatch(/thử lại/);
      expect(Date.now() - t0).toBeLessThan(3000);
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(503);

      await startRedis();
      let recovered = '';
      for (let i = 0; i < 50 && recovered !== 'fee'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        recovered = (await chat('co mat phi khong')).body.intent;
      }
      expect(recovered).toBe('fee');
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await store.close();
    }
  }, 60_000);
});
