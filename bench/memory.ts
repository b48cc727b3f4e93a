import { createAssistant } from '../src/core/build.js';
import { openStore } from '../src/storage/open-store.js';

const mb = (n: number) => +(n / 1024 / 1024).toFixed(1);
const QUESTIONS = ['dang ky muc 2 o dau', 'co mat phi khong', 'kich hoat the nao', 'cam on', 'gia vang hom nay', 'how to register level 1'];

export interface MemoryFigures {
  store: string;
  messages: number;
  users: number;
  gc: boolean;
  rss_start_mb: number;
  rss_end_mb: number;
  heap_start_mb: number;
  heap_half_mb: number;
  heap_end_mb: number;
  /** heap growth per new person in the second half (after a forced GC) */
  heap_bytes_per_new_user: number;
}

/**
 * Memory after start and after `messages` messages from `users` people, in two halves: the second
 * half comes from people never seen before, so the heap after it (after a forced GC, when the
 * process runs with --expose-gc) tells what each new person costs the process beyond the store.
 */
export async function measureMemory(messages: number, users: number, redisUrl: string | undefined): Promise<MemoryFigures> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const settle = () => {
    gc?.();
    gc?.();
    return process.memoryUsage();
  };
  const store = openStore({ REDIS_URL: redisUrl, DATA_DIR: `/tmp/vneid-bench-memory-${process.pid}` });
  const assistant = createAssistant({ store });
  await assistant.handle({ channel: 'web', userId: 'warm', text: 'xin chao' });
  const start = settle();
  const half = messages / 2;
  const perHalf = users / 2;
  const run = async (from: number, to: number, firstUser: number) => {
    const batch = 200;
    for (let i = from; i < to; i += batch) {
      await Promise.all(
        Array.from({ length: Math.min(batch, to - i) }, (_, k) => {
          const n = i + k;
          return assistant.handle({ channel: 'telegram', userId: `mem-${process.pid}-${firstUser + (n % perHalf)}`, text: QUESTIONS[n % QUESTIONS.length]! });
        }),
      );
    }
  };
  await run(0, half, 0);
  const middle = settle();
  await run(half, messages, perHalf);
  const end = settle();
  await store.close();
  return {
    store: redisUrl ? 'redis' : 'sqlite',
    messages,
    users,
    gc: gc !== undefined,
    rss_start_mb: mb(start.rss),
    rss_end_mb: mb(end.rss),
    heap_start_mb: mb(start.heapUsed),
    heap_half_mb: mb(middle.heapUsed),
    heap_end_mb: mb(end.heapUsed),
    heap_bytes_per_new_user: Math.round((end.heapUsed - middle.heapUsed) / perHalf),
  };
}
