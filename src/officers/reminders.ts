import { randomUUID } from 'node:crypto';
import { BroadcastQueue, type BroadcastProgress, type PersonalMessage } from '../broadcasts/broadcast-queue.js';
import type { Sender } from '../broadcasts/senders.js';
import { PUSH_CHANNELS, Subscriptions } from '../broadcasts/subscriptions.js';
import type { Store } from '../storage/store.js';
import type { TaskBook, UnitTask } from '../tasks/task-book.js';
import { isDueSoon, isOverdue } from '../tasks/task-counts.js';
import { fill } from '../util/fill.js';
import type { OfficerDesk, OfficerStrings } from './desk.js';
import type { Officer, OfficerRegistry } from './registry.js';
import { vietnamDay } from '../util/vietnam-time.js';

/** Days ahead a digest looks for tasks falling due. */
export const DUE_SOON_DAYS = 7;
/** Lines per section of a digest; the rest is counted. */
const MAX_LINES = 8;

/** Whether an officer wants the daily digest: on unless they said "tắt nhắc việc". Kept with the officers. */
export class ReminderPreferences {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    /** when the digest goes out (Vietnam time), as officers are told */
    readonly time = '07:30',
  ) {}

  async isOn(user: string): Promise<boolean> {
    return (await this.store.get<{ off: boolean }>('officer', `@reminders:${user}`))?.off !== true;
  }

  async set(user: string, on: boolean): Promise<void> {
    await this.store.set('officer', `@reminders:${user}`, { off: !on, at: this.clock().toISOString() });
  }
}

/** An officer's digest for a day, or undefined when nothing of theirs is overdue or due soon. */
export interface Digest {
  officer: Officer;
  overdue: UnitTask[];
  soon: UnitTask[];
  text: string;
}

export type ReminderRun =
  | { state: 'sent'; day: string; id: string; progress: BroadcastProgress }
  | { state: 'done-already' | 'in-progress' | 'nothing'; day: string; id: string };

/**
 * The daily reminder (nhắc việc): each officer who has not turned it off gets, in their own channel, their
 * unit's open tasks that are overdue or fall due in the next seven days (those they lead or coordinate, and
 * those they may close). A day's digests are one broadcast with a fixed id, so the queue's claims make it
 * at most one per officer per day, rate-limited and resumable after a crash.
 */
export interface ReminderParts {
  store: Store;
  registry: OfficerRegistry;
  desk: OfficerDesk;
  tasks: TaskBook;
  preferences: ReminderPreferences;
  /** the officer strings in Vietnamese: digests go out in the officers' language */
  strings: OfficerStrings;
  clock: () => Date;
  /** how long one run holds the day's lock: another instance takes over a run that died after this (10 min) */
  lockTtlMs?: number;
}

export class Reminders {
  private readonly queue: BroadcastQueue;
  private readonly store: Store;
  private readonly desk: OfficerDesk;
  private readonly clock: () => Date;

  constructor(readonly parts: ReminderParts) {
    this.store = parts.store;
    this.desk = parts.desk;
    this.clock = parts.clock;
    this.queue = new BroadcastQueue(parts.store, new Subscriptions(parts.store, parts.clock), parts.clock);
  }

  private t(key: string, values: Record<string, string | number> = {}): string {
    return fill(this.parts.strings[key] ?? key, values);
  }

  /** The digest of one officer for a day (Vietnam date), or undefined when it would be empty. */
  async digest(officer: Officer, day: string): Promise<Digest | undefined> {
    const unit = this.desk.unitOf(officer);
    if (!unit) return undefined;
    const mine = (await this.parts.tasks.tasksOf(unit)).filter(
      (i) => i.status.state !== 'done' && i.task.deadline.kind === 'date' && i.task.deadline.due && (i.role === 'lead' || i.role === 'support' || i.mayChange),
    );
    const overdue = mine.filter((i) => isOverdue(i, day));
    const soon = mine.filter((i) => isDueSoon(i, day, DUE_SOON_DAYS));
    if (overdue.length === 0 && soon.length === 0) return undefined;
    const section = (title: string, items: UnitTask[]) =>
      items.length === 0
        ? []
        : [title, ...items.slice(0, MAX_LINES).map((i) => this.desk.line(i, 'vi')), ...(items.length > MAX_LINES ? [this.t('reminder.more', { count: items.length - MAX_LINES })] : [])];
    const text = [
      this.t('reminder.title', { day: day.split('-').reverse().join('/'), unit: unit.name }),
      ...section(this.t('reminder.overdue', { count: overdue.length }), overdue),
      ...section(this.t('reminder.soon', { count: soon.length, days: DUE_SOON_DAYS }), soon),
      this.t('reminder.footer'),
    ].join('\n\n');
    return { officer, overdue, soon, text };
  }

  /** Every digest due today: officers in a channel that can send first, with the reminder on and something to say. */
  async digests(day = vietnamDay(this.clock())): Promise<Digest[]> {
    const officers = (await this.parts.registry.list()).sort((a, b) => a.user.localeCompare(b.user));
    const found: Digest[] = [];
    for (const officer of officers) {
      if (!PUSH_CHANNELS.has(channelOf(officer.user)) || !(await this.parts.preferences.isOn(officer.user))) continue;
      const d = await this.digest(officer, day);
      if (d) found.push(d);
    }
    return found;
  }

  /**
   * Sends today's digests, or resumes today's run if one was started: a lock in the store (set if absent,
   * with a TTL) lets one instance run at a time, and a day that finished is not sent again.
   */
  async run(senders: Record<string, Sender | undefined>, onProgress?: (p: BroadcastProgress) => void): Promise<ReminderRun> {
    const day = vietnamDay(this.clock());
    const id = `reminders-${day}`;
    if (await this.store.getFlag('broadcast', `reminders:done:${day}`)) return { state: 'done-already', day, id };
    if (!(await this.store.setIfAbsent('broadcast', `reminders:lock:${day}`, randomUUID(), this.parts.lockTtlMs ?? 10 * 60_000))) return { state: 'in-progress', day, id };
    try {
      let broadcast = await this.queue.get(id);
      if (!broadcast) {
        const messages: PersonalMessage[] = (await this.digests(day)).map((d) => ({ channel: channelOf(d.officer.user), userId: userOf(d.officer.user), text: d.text }));
        broadcast = await this.queue.createOnce(id, `reminders of ${day}`, messages);
      }
      if (!broadcast) return { state: 'in-progress', day, id };
      const progress = await this.queue.run(id, senders, onProgress);
      await this.store.setFlag('broadcast', `reminders:done:${day}`, true, 3 * 86_400_000);
      return progress.total === 0 ? { state: 'nothing', day, id } : { state: 'sent', day, id, progress };
    } finally {
      await this.store.deleteFlag('broadcast', `reminders:lock:${day}`);
    }
  }
}

function channelOf(user: string): string {
  return user.slice(0, user.indexOf(':'));
}

function userOf(user: string): string {
  return user.slice(user.indexOf(':') + 1);
}
