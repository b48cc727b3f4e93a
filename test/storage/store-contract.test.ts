import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalStore } from '../../src/storage/local-store.js';
import { PostgresStore } from '../../src/storage/postgres-store.js';
import { RedisStore } from '../../src/storage/redis-store.js';
import type { Store } from '../../src/storage/store.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vneid-store-'));
  dirs.push(dir);
  return dir;
}

const redisUrl = process.env.REDIS_URL;
if (!redisUrl && !process.env.CI) console.warn('Redis store tests skipped: REDIS_URL is not set (CI sets it).');
if (!redisUrl && process.env.CI) throw new Error('CI must set REDIS_URL so the Redis store is tested against the real server');

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl && !process.env.CI) console.warn('PostgreSQL store tests skipped: DATABASE_URL is not set (CI sets it).');
if (!databaseUrl && process.env.CI) throw new Error('CI must set DATABASE_URL so the PostgreSQL store is tested against the real server');

const factories: [string, () => Store, boolean][] = [
  ['postgres', () => new PostgresStore(databaseUrl!, `run-${process.pid}-${Date.now()}-${Math.random()}:`), Boolean(databaseUrl)],
  ['sqlite', () => LocalStore.sqlite(tempDir()), true],
  ['memory', () => LocalStore.memory(), true],
  ['redis', () => new RedisStore(redisUrl!, `vneid-test-${process.pid}-${Date.now()}`), Boolean(redisUrl)],
];

describe.each(factories)('%s store', (_kind, make, enabled) => {
  it.runIf(enabled)('keeps, replaces and deletes values', async () => {
    const store = make();
    try {
      expect(await store.get('test', 'a')).toBeUndefined();
      await store.set('test', 'a', { lastIntent: 'fee', n: 1 });
      expect(await store.get('test', 'a')).toEqual({ lastIntent: 'fee', n: 1 });
      await store.set('test', 'a', { n: 2 });
      expect(await store.get('test', 'a')).toEqual({ n: 2 });
      expect(await store.delete('test', 'a')).toBe(true);
      expect(await store.get('test', 'a')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it.runIf(enabled)('forgets values after their time limit', async () => {
    const store = make();
    try {
      await store.set('test', 'short', 'x', 50);
      await store.set('test', 'long', 'y', 60_000);
      await new Promise((r) => setTimeout(r, 120));
      expect(await store.get('test', 'short')).toBeUndefined();
      expect(await store.get('test', 'long')).toBe('y');
    } finally {
      await store.close();
    }
  });

  it.runIf(enabled)('sets a key only once, also under concurrent calls', async () => {
    const store = make();
    try {
      const results = await Promise.all(Array.from({ length: 20 }, () => store.setIfAbsent('dedupe', 'update-1', 1, 60_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it.runIf(enabled)('counts exactly under concurrent increments', async () => {
    const store = make();
    try {
      await Promise.all(Array.from({ length: 200 }, () => store.increment('stats', 'c')));
      expect(await store.count('stats', 'c')).toBe(200);
      expect(await store.count('stats', 'never')).toBe(0);
    } finally {
      await store.close();
    }
  });

  it.runIf(enabled)('answers a ping', async () => {
    const store = make();
    try {
      expect(await store.ping()).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe('sqlite store', () => {
  it('keeps data across a restart (a new store on the same file)', async () => {
    const dir = tempDir();
    const first = LocalStore.sqlite(dir);
    await first.set('session', 'telegram:1', { lastIntent: 'fee' });
    await first.increment('stats', 'q', 3);
    await first.close();
    const second = LocalStore.sqlite(dir);
    try {
      expect(await second.get('session', 'telegram:1')).toEqual({ lastIntent: 'fee' });
      expect(await second.count('stats', 'q')).toBe(3);
    } finally {
      await second.close();
    }
  });

  it('creates DATA_DIR on first use and sweeps expired rows', async () => {
    const dir = join(tempDir(), 'nested', 'data');
    const store = LocalStore.sqlite(dir);
    try {
      await store.set('test', 'gone', 1, 10);
      await store.set('test', 'kept', 1);
      await new Promise((r) => setTimeout(r, 30));
      expect(await store.sweepExpired()).toBe(1);
      expect(await store.get('test', 'kept')).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('reports a broken store loudly instead of answering undefined', async () => {
    const store = LocalStore.sqlite(tempDir());
    await store.close();
    await expect(store.get('test', 'x')).rejects.toThrow(/store/);
  });
});

describe.each(factories)('%s store: flags', (_kind, make, enabled) => {
  it.runIf(enabled)('reads back a flag set by setIfAbsent, replaces and deletes it', async () => {
    const store = make();
    try {
      expect(await store.getFlag('test', 'first')).toBeUndefined();
      expect(await store.setIfAbsent('test', 'first', { code: 'abc' }, 60_000)).toBe(true);
      expect(await store.getFlag('test', 'first')).toEqual({ code: 'abc' });
      await store.setFlag('test', 'first', 'done', 60_000);
      expect(await store.getFlag('test', 'first')).toBe('done');
      expect(await store.setIfAbsent('test', 'first', 'again', 60_000)).toBe(false);
      expect(await store.delete('test', 'first')).toBe(true);
      expect(await store.setIfAbsent('test', 'first', { code: 'def' }, 60_000)).toBe(true);
      await store.deleteFlag('test', 'first');
      expect(await store.getFlag('test', 'first')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it.runIf(enabled)('gives a counter with a time limit its limit on the first increment only', async () => {
    const store = make();
    try {
      expect(await store.increment('rate', 'minute', 1, 100)).toBe(1);
      expect(await store.increment('rate', 'minute', 1, 60_000)).toBe(2);
      await new Promise((r) => setTimeout(r, 200));
      expect(await store.increment('rate', 'minute', 1, 100)).toBe(1);
    } finally {
      await store.close();
    }
  });
});

describe('routed store (DATABASE_URL)', () => {
  it('keeps task status and the audit log in the durable store, the rest in the main one', async () => {
    const { RoutedStore, DURABLE_NAMESPACES } = await import('../../src/storage/open-store.js');
    const main = LocalStore.memory();
    const durable = LocalStore.memory();
    const routed = new RoutedStore(main, durable, DURABLE_NAMESPACES);
    await routed.set('task', '002:2.3.1', { state: 'done' });
    await routed.increment('audit', '002:2.3.1:count');
    await routed.set('session', 'web:1', { lastIntent: 'fee' });
    expect(await durable.get('task', '002:2.3.1')).toEqual({ state: 'done' });
    expect(await durable.count('audit', '002:2.3.1:count')).toBe(1);
    expect(await main.get('task', '002:2.3.1')).toBeUndefined();
    expect(await main.get('session', 'web:1')).toEqual({ lastIntent: 'fee' });
    expect(await routed.get('task', '002:2.3.1')).toEqual({ state: 'done' });
  });
});

describe.each(factories)('officers on the %s store', (_kind, make, enabled) => {
  it.runIf(enabled)('ten officers redeeming their codes at the same moment are all listed', async () => {
    const { OfficerRegistry } = await import('../../src/officers/registry.js');
    const store = make();
    try {
      const registry = new OfficerRegistry(store, () => new Date());
      const codes = await Promise.all(Array.from({ length: 10 }, () => registry.invite('Sở Y tế', 'Quảng Nam')));
      const results = await Promise.all(codes.map(({ code }, i) => registry.redeem(`telegram:${i}`, code)));
      expect(results.every((r) => r.ok)).toBe(true);
      expect((await registry.list()).map((o) => o.user).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `telegram:${i}`).sort());
      await registry.revoke('telegram:3');
      expect((await registry.list()).map((o) => o.user)).not.toContain('telegram:3');
    } finally {
      await store.close();
    }
  });
});

describe.each(factories)('ranked lists on the %s store', (_kind, make, enabled) => {
  it.runIf(enabled)('count members at once without losing any, and keep the frequent ones when a flood of new ones comes', async () => {
    const store = make();
    try {
      await Promise.all(Array.from({ length: 20 }, () => store.bumpRanked('stats', 'top', 'real question', 1, 5)));
      for (let i = 0; i < 50; i++) await store.bumpRanked('stats', 'top', `junk ${i}`, 1, 5);
      // a question asked after the flood still climbs past it
      for (let i = 0; i < 3; i++) await store.bumpRanked('stats', 'top', 'late question', 1, 5);
      const top = await store.topRanked('stats', 'top', 10);
      expect(top[0]).toEqual({ member: 'real question', score: 20 });
      expect(top[1]!.member).toBe('late question');
      expect(top.length).toBe(5);
    } finally {
      await store.close();
    }
  });
});
