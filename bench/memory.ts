import { createAssistant } from '../src/core/build.js';
import { openStore } from '../src/storage/open-store.js';

const mb = (n: number) => Math.round(n / 1024 / 1024);
const QUESTIONS = ['dang ky muc 2 o dau', 'co mat phi khong', 'kich hoat the nao', 'cam on', 'gia vang hom nay', 'how to register level 1'];

/** RSS after start and after `messages` messages from `users` people, with the store outside the process when REDIS_URL is set. */
export async function measureMemory(messages: number, users: number, redisUrl: string | undefined): Promise<{ store: string; messages: number; users: number; rss_start_mb: number; rss_end_mb: number; heap_end_mb: number }> {
  const store = openStore({ REDIS_URL: redisUrl, DATA_DIR: `/tmp/vneid-bench-memory-${process.pid}` });
  const assistant = createAssistant({ store });
  await assistant.handle({ channel: 'web', userId: 'warm', text: 'xin chao' });
  global.gc?.();
  const start = process.memoryUsage().rss;
  const batch = 200;
  for (let i = 0; i < messages; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, messages - i) }, (_, k) => {
        const n = i + k;
        return assistant.handle({ channel: 'telegram', userId: `mem-${process.pid}-${n % users}`, text: QUESTIONS[n % QUESTIONS.length]! });
      }),
    );
  }
  global.gc?.();
  const end = process.memoryUsage();
  await store.close();
  return { store: redisUrl ? 'redis' : 'sqlite', messages, users, rss_start_mb: mb(start), rss_end_mb: mb(end.rss), heap_end_mb: mb(end.heapUsed) };
}
