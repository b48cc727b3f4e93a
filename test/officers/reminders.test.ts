import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Sender, SendResult } from '../../src/broadcasts/senders.js';
import { createAssistant } from '../../src/core/build.js';
import { silentLogger } from '../../src/core/logger.js';
import { OfficerRegistry } from '../../src/officers/registry.js';
import { ReminderSchedule, reminderTimeFrom, remindersFrom } from '../../src/officers/reminder-schedule.js';
import { Reminders } from '../../src/officers/reminders.js';
import { LocalStore } from '../../src/storage/local-store.js';
import type { Store } from '../../src/storage/store.js';
import { sharedKnowledge } from '../helpers/assistant.js';

/** A platform that keeps what it was asked to send; `hangAfter` calls, it stops answering (the process is killed mid-send). */
class StubPlatform implements Sender {
  readonly perSecond: number;
  readonly sent: { userId: string; text: string }[] = [];
  private release: (() => void) | undefined;
  private readonly hung: Promise<void>;

  constructor(options: { perSecond?: number; hangAfter?: number } = {}) {
    this.perSecond = options.perSecond ?? 1000;
    this.hangAfter = options.hangAfter;
    this.hung = new Promise((resolve) => (this.release = resolve));
  }

  private readonly hangAfter: number | undefined;

  async send(userId: string, text: string): Promise<SendResult> {
    this.sent.push({ userId, text });
    if (this.hangAfter !== undefined && this.sent.length > this.hangAfter) await this.hung;
    return { kind: 'sent' };
  }

  /** lets the calls that hung finish (after the test has looked) */
  unhang(): void {
    this.release?.();
  }
}

const VIETNAM = (local: string) => new Date(`${local}+07:00`);

async function officers(store: Store, now: () => Date, list: [string, string, string][]): Promise<void> {
  const registry = new OfficerRegistry(store, now);
  for (const [user, unit, locality] of list) await registry.redeem(user, (await registry.invite(unit, locality)).code);
}

const received = (platform: StubPlatform, userId: string) => platform.sent.filter((m) => m.userId === userId);

describe('the daily reminder', () => {
  it('goes to the right officers with their unit\'s overdue and due-soon tasks, at 07:30 Vietnam time, once a day', async () => {
    const store = LocalStore.memory();
    let now = VIETNAM('2023-06-26T07:00:00');
    const clock = () => now;
    await officers(store, clock, [
      ['telegram:khcn', 'Sở Khoa học và Công nghệ', 'Đà Nẵng'],
      ['telegram:ca', 'Công an tỉnh', 'Hà Tĩnh'],
      ['telegram:quiet', 'Sở Y tế', 'Đà Nẵng'],
      ['web:w1', 'Sở Tài chính', 'Đà Nẵng'],
    ]);
    // one officer turns it off in the chat, with or without diacritics
    const assistant = createAssistant({ store, clock }, sharedKnowledge());
    const off = await assistant.handle({ channel: 'telegram', userId: 'quiet', text: 'tat nhac viec' });
    expect(off.intent).toBe('officer.reminders.off');

    const telegram = new StubPlatform();
    const schedule = new ReminderSchedule(remindersFrom(store, clock), reminderTimeFrom({})!, clock, { telegram }, silentLogger);
    expect(await schedule.tick()).toBeUndefined();
    expect(telegram.sent).toEqual([]);

    now = VIETNAM('2023-06-26T07:31:00');
    expect(await schedule.tick()).toMatchObject({ state: 'sent', day: '2023-06-26' });
    expect(telegram.sent.map((m) => m.userId).sort()).toEqual(['ca', 'khcn']);
    const khcn = received(telegram, 'khcn')[0]!.text;
    expect(khcn).toMatch(/Nhắc việc ngày 26\/06\/2023 — Sở Khoa học và Công nghệ/);
    // overdue, inherited from Quảng Nam's Sở Thông tin và Truyền thông, labelled with it
    expect(khcn).toMatch(/Quá hạn \(4\):[\s\S]*• 1\.1 \(KH 000\) · chủ trì \(trước đây: Sở Thông tin và Truyền thông, Quảng Nam\) · 28\/02\/2023/);
    // due by 03/7/2023, and nothing later or without a date
    expect(khcn).toMatch(/Đến hạn trong 7 ngày tới \(4\):[\s\S]*• 2\.2\.5 \(KH 002\)/);
    expect(khcn).not.toMatch(/31\/12\/2023|thường xuyên/);
    const ca = received(telegram, 'ca')[0]!.text;
    expect(ca).toMatch(/— Công an tỉnh/);
    expect(ca).toMatch(/I\.1 \(KH 003\) · chủ trì · 31\/01\/2022/);
    expect(ca).toMatch(/… và \d+ nhiệm vụ khác/);
    expect(ca).not.toMatch(/KH 000|KH 002/);

    // later the same day, on this or another instance: nothing more
    now = VIETNAM('2023-06-26T18:00:00');
    expect(await schedule.tick()).toMatchObject({ state: 'done-already' });
    const other = new ReminderSchedule(remindersFrom(store, clock), reminderTimeFrom({})!, clock, { telegram }, silentLogger);
    expect(await other.tick()).toMatchObject({ state: 'done-already' });
    expect(telegram.sent).toHaveLength(2);

    // the next morning, a new digest; the officer who turned it back on gets one too
    await assistant.handle({ channel: 'telegram', userId: 'quiet', text: 'bật nhắc việc' });
    now = VIETNAM('2023-06-27T07:30:00');
    expect(await schedule.tick()).toMatchObject({ state: 'sent', day: '2023-06-27' });
    expect(telegram.sent.map((m) => m.userId).sort()).toEqual(['ca', 'ca', 'khcn', 'khcn', 'quiet']);
    expect(received(telegram, 'khcn')[1]!.text).toMatch(/Nhắc việc ngày 27\/06\/2023/);
  });

  it('is resumed after a kill in the middle, and nobody gets it twice', async () => {
    const store = LocalStore.memory();
    const clock = () => VIETNAM('2023-06-26T07:30:00');
    await officers(store, clock, [
      ['telegram:a', 'Sở Khoa học và Công nghệ', 'Đà Nẵng'],
      ['telegram:b', 'Công an tỉnh', 'Hà Tĩnh'],
      ['telegram:c', 'Sở Y tế', 'Đà Nẵng'],
    ]);
    // one message at a time; the second call never returns: the instance is killed while sending it
    const dying = new StubPlatform({ perSecond: 5, hangAfter: 1 });
    const first = remindersFrom(store, clock);
    const killed = first.run({ telegram: dying });
    while (dying.sent.length < 2) await sleep(20);
    expect(dying.sent.map((m) => m.userId)).toEqual(['a', 'b']);

    // another instance (or the restarted one) takes over once the dead run's lock has run out
    const restarted = new Reminders({ ...first.parts, lockTtlMs: 10 * 60_000 });
    expect(await restarted.run({ telegram: new StubPlatform() })).toMatchObject({ state: 'in-progress' });
    await store.deleteFlag('broadcast', 'reminders:lock:2023-06-26'); // what the lock's TTL does after 10 minutes
    const healthy = new StubPlatform();
    const resumed = await restarted.run({ telegram: healthy });
    expect(resumed).toMatchObject({ state: 'sent', progress: { total: 3, sent: 2, uncertain: 1, remaining: 0 } });
    // a was sent before the kill, b was on its way (not sent again: at most once), c is sent now
    expect(healthy.sent.map((m) => m.userId)).toEqual(['c']);
    expect([...dying.sent, ...healthy.sent].map((m) => m.userId).sort()).toEqual(['a', 'b', 'c']);

    dying.unhang();
    await killed;
    expect(healthy.sent).toHaveLength(1);
  });

  it('runs on one instance at a time (a lock in the store)', async () => {
    const store = LocalStore.memory();
    const clock = () => VIETNAM('2023-06-26T08:00:00');
    await officers(store, clock, [['telegram:a', 'Sở Khoa học và Công nghệ', 'Đà Nẵng']]);
    const telegram = new StubPlatform();
    const runs = await Promise.all([remindersFrom(store, clock).run({ telegram }), remindersFrom(store, clock).run({ telegram })]);
    expect(runs.map((r) => r.state).sort()).toEqual(['in-progress', 'sent']);
    expect(telegram.sent).toHaveLength(1);
  });

  it('previews without sending, and reads REMINDER_TIME', async () => {
    const store = LocalStore.memory();
    const clock = () => VIETNAM('2023-06-26T08:00:00');
    await officers(store, clock, [['telegram:a', 'Công an tỉnh', 'Hà Tĩnh'], ['console:b', 'Công an tỉnh', 'Hà Tĩnh']]);
    const digests = await remindersFrom(store, clock).digests();
    expect(digests.map((d) => d.officer.user)).toEqual(['telegram:a']);
    expect(await store.getFlag('broadcast', 'reminders:done:2023-06-26')).toBeUndefined();
    expect(reminderTimeFrom({ REMINDER_TIME: '06:15' })).toBe(6 * 60 + 15);
    expect(reminderTimeFrom({ REMINDER_TIME: 'off' })).toBeUndefined();
    expect(() => reminderTimeFrom({ REMINDER_TIME: '25:00' })).toThrow(/REMINDER_TIME/);
  });
});

