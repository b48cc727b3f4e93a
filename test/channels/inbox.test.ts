import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Inbox } from '../../src/channels/inbox.js';
import { silentLogger } from '../../src/core/logger.js';
import { LocalStore } from '../../src/storage/local-store.js';
import type { Store } from '../../src/storage/store.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A handler that records what it got and, for the "dying" instance, never finishes. */
function recorder(hang = false) {
  const seen: unknown[] = [];
  return { seen, handler: async (payload: unknown) => (seen.push(payload), hang ? new Promise<void>(() => undefined) : undefined) };
}

describe('inbox', () => {
  it('an update accepted by an instance that died is handled once by the next one, after a restart of the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vneid-inbox-'));
    dirs.push(dir);
    const before = LocalStore.sqlite(dir);
    const dying = new Inbox(before, silentLogger, 100, 1000);
    const stuck = recorder(true);
    dying.handle('telegram', stuck.handler);
    const fine = recorder();
    dying.handle('zalo', fine.handler);
    await dying.accept('telegram', { update_id: 1 });
    await dying.accept('zalo', { msg: 'answered before the crash' });
    await sleep(20);
    expect(stuck.seen).toEqual([{ update_id: 1 }]);
    // the process dies here: its handler never finished; the store file is all that is left

    const after = LocalStore.sqlite(dir);
    const next = new Inbox(after, silentLogger, 100, 1000);
    const telegram = recorder();
    const zalo = recorder();
    next.handle('telegram', telegram.handler);
    next.handle('zalo', zalo.handler);
    expect(await next.sweep()).toBe(0); // too young: its instance may still be working on it
    await sleep(1100);
    expect(await next.sweep()).toBe(1);
    await next.drain();
    expect(telegram.seen).toEqual([{ update_id: 1 }]);
    expect(zalo.seen).toEqual([]);
    expect(await next.sweep()).toBe(0); // done: never handled twice
    expect(await after.get('inbox', 'low')).toBe(2);
    await after.close();
  });

  it('finds an orphan behind thousands of finished updates, and moves its mark past them', async () => {
    const store = LocalStore.memory();
    const busy = new Inbox(store, silentLogger, 5000, 50);
    busy.handle('telegram', recorder().handler);
    for (let i = 0; i < 2500; i++) await busy.accept('telegram', { update_id: i });
    await busy.drain();
    const dying = new Inbox(store, silentLogger, 100, 50);
    dying.handle('telegram', recorder(true).handler);
    await dying.accept('telegram', { update_id: 'last' });
    await sleep(60);
    const next = new Inbox(store, silentLogger, 100, 50);
    const r = recorder();
    next.handle('telegram', r.handler);
    expect(await next.sweep()).toBe(1);
    await next.drain();
    expect(r.seen).toEqual([{ update_id: 'last' }]);
    expect(await store.get('inbox', 'low')).toBe(2500);
  });

  it('keeps working when the store cannot keep the update', async () => {
    const broken = LocalStore.memory();
    await broken.close();
    const failing: Store = Object.assign(Object.create(broken) as Store, {
      increment: () => Promise.reject(new Error('store down')),
    });
    const inbox = new Inbox(failing, silentLogger);
    const r = recorder();
    inbox.handle('telegram', r.handler);
    await inbox.accept('telegram', { update_id: 7 });
    await inbox.drain();
    expect(r.seen).toEqual([{ update_id: 7 }]);
  });

  it('says it is full past its limit, and refuses a platform it has no handler for', async () => {
    const store = LocalStore.memory();
    const inbox = new Inbox(store, silentLogger, 2, 60_000);
    const r = recorder(true);
    inbox.handle('telegram', r.handler);
    await inbox.accept('telegram', { update_id: 1 });
    expect(inbox.full).toBe(false);
    await inbox.accept('telegram', { update_id: 2 });
    expect(inbox.full).toBe(true);
    await expect(inbox.accept('viber', {})).rejects.toThrow(/no handler/);
  });
});
