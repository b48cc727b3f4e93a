import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HandoffBook } from '../../src/handoff/handoff-book.js';
import { Outbox } from '../../src/handoff/outbox.js';
import { StaffDesk } from '../../src/handoff/staff-desk.js';
import { LocalStore } from '../../src/storage/local-store.js';
import { RedisStore } from '../../src/storage/redis-store.js';
import type { Store } from '../../src/storage/store.js';

const url = process.env.REDIS_URL;
if (!url && !process.env.CI) console.warn('Handoff claims on Redis skipped: REDIS_URL is not set (REDIS_URL=redis://127.0.0.1:6379 npm test runs them).');
const clock = () => new Date('2026-11-23T02:00:00Z');
const closers: Store[] = [];
afterAll(async () => {
  await Promise.all(closers.map((s) => s.close()));
});

/** Two "instances": two connections to one Redis, or one embedded store (one process) seen twice. */
function twoInstances(kind: 'memory' | 'sqlite' | 'redis'): [Store, Store] {
  if (kind === 'redis') {
    const prefix = `vneid-handoff-${process.pid}-${Date.now()}`;
    const pair: [Store, Store] = [new RedisStore(url!, prefix), new RedisStore(url!, prefix)];
    closers.push(...pair);
    return pair;
  }
  const store = kind === 'memory' ? LocalStore.memory() : LocalStore.sqlite(mkdtempSync(join(tmpdir(), 'vneid-handoff-')));
  closers.push(store);
  return [store, store];
}

const kinds = (['memory', 'sqlite', 'redis'] as const).filter((k) => k !== 'redis' || Boolean(url));

describe.each(kinds)('handed-over conversations on %s', (kind) => {
  const [one, two] = twoInstances(kind);
  const a = new HandoffBook(one, clock);
  const b = new HandoffBook(two, clock);

  it('two agents claiming one conversation at once: exactly one wins, every time', async () => {
    for (let i = 0; i < 20; i++) {
      const { handoff } = await a.request({ channel: 'web', userId: `${kind}-c${i}`, locality: 'Đà Nẵng', language: 'vi', transcript: [] });
      const results = await Promise.all([a.claim(handoff.id, 'lan'), b.claim(handoff.id, 'minh')]);
      expect(results.filter((r) => r === 'ok'), `round ${i}: ${results.join(', ')}`).toHaveLength(1);
      expect(results.filter((r) => r === 'taken')).toHaveLength(1);
    }
  });

  it('two messages of one citizen asking at once, on two instances: one request', async () => {
    const [x, y] = await Promise.all([a.request({ channel: 'zalo', userId: `${kind}-same`, locality: 'toàn tỉnh', language: 'vi', transcript: [] }), b.request({ channel: 'zalo', userId: `${kind}-same`, locality: 'toàn tỉnh', language: 'vi', transcript: [] })]);
    expect(x.handoff.id).toBe(y.handoff.id);
    expect([x.created, y.created].filter(Boolean)).toHaveLength(1);
  });

  it('an answer sent by two instances at once reaches the citizen once', async () => {
    const posted: string[] = [];
    const post = async (_c: string, _u: string, text: string) => {
      posted.push(text);
      await new Promise((r) => setTimeout(r, 20));
      return { state: 'sent' as const, at: clock().toISOString() };
    };
    const text = (_l: string, _k: string, v: Record<string, string> = {}) => v.text ?? 'closed';
    const outboxA = new Outbox(one, clock);
    const outboxB = new Outbox(two, clock);
    const deskA = new StaffDesk(a, outboxA, post, text);
    const deskB = new StaffDesk(b, outboxB, post, text);
    const { handoff } = await a.request({ channel: 'telegram', userId: `${kind}-once`, locality: 'toàn tỉnh', language: 'vi', transcript: [] });
    const message = await outboxA.push('telegram', handoff.userId, 'một lần thôi', handoff.id);
    // both instances try to send the same message (a retry after a crash, a sweep): one sends
    const send = (desk: StaffDesk) => desk.sendOnce('telegram', handoff.userId, message.n, message.text);
    await Promise.all([send(deskA), send(deskB), send(deskA)]);
    expect(posted).toEqual(['một lần thôi']);
    // and the citizen's next message does not bring it again
    expect(await outboxB.take('telegram', handoff.userId)).toEqual([]);
  });
});
