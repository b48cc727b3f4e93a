import { join } from 'node:path';
import type { Sender } from '../broadcasts/senders.js';
import { sendersFromEnv } from '../broadcasts/senders-from-env.js';
import { PROJECT_ROOT } from '../core/build.js';
import { loadContent } from '../core/locale.js';
import type { Logger } from '../core/logger.js';
import type { Store } from '../storage/store.js';
import { Succession } from '../tasks/succession.js';
import { TaskBook } from '../tasks/task-book.js';
import { UnitDirectory } from '../tasks/units.js';
import { OfficerDesk } from './desk.js';
import { OfficerRegistry } from './registry.js';
import { ReminderPreferences, Reminders, type ReminderRun } from './reminders.js';
import { vietnamClock } from '../util/vietnam-time.js';

/** Minutes after midnight, Vietnam time. */
export type TimeOfDay = number;

/** REMINDER_TIME: "07:30" (the default), another HH:MM in Vietnam time, or "off". */
export function reminderTimeFrom(env: { REMINDER_TIME?: string | undefined }): TimeOfDay | undefined {
  const raw = (env.REMINDER_TIME ?? '').trim() || '07:30';
  if (/^(?:off|none|0|false)$/i.test(raw)) return undefined;
  const m = /^(\d{1,2}):(\d{2})$/.exec(raw);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new Error(`REMINDER_TIME="${raw}" is not a time; use HH:MM in Vietnam time (e.g. 07:30) or "off"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The reminders with their own task book and officer desk, read from the project folder. */
export function remindersFrom(store: Store, clock: () => Date, root = PROJECT_ROOT): Reminders {
  const units = UnitDirectory.load(join(root, 'data/units.json'));
  const succession = Succession.load(join(root, 'data/succession.json'), units);
  const tasks = TaskBook.load(join(root, 'data/tasks'), units, store, succession).watch(join(root, 'data/tasks'), join(root, 'data/units.json'));
  const locales = loadContent(root).locales;
  const strings = { vi: locales.vi.officer, en: locales.en.officer };
  const desk = new OfficerDesk(tasks, units, clock, strings);
  return new Reminders({ store, registry: new OfficerRegistry(store, clock), desk, tasks, preferences: new ReminderPreferences(store, clock), strings: strings.vi, clock });
}

/**
 * Runs the day's reminders once the time of day has come (Vietnam time), looking every minute. Every
 * instance looks; the lock and the day's "done" flag in the store let one of them send, and another takes
 * over a run that died. A server started after the time sends that day's digests when it starts.
 */
export class ReminderSchedule {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly reminders: Reminders,
    private readonly at: TimeOfDay,
    private readonly clock: () => Date,
    private readonly senders: Record<string, Sender | undefined>,
    private readonly log: Logger,
  ) {}

  /** One look: runs (or resumes) today's reminders if it is time; undefined when it is not time or a look is under way. */
  async tick(): Promise<ReminderRun | undefined> {
    const vietnam = vietnamClock(this.clock());
    if (vietnam.getUTCHours() * 60 + vietnam.getUTCMinutes() < this.at || this.running) return undefined;
    this.running = true;
    try {
      const run = await this.reminders.run(this.senders);
      if (run.state === 'sent') this.log.info({ day: run.day, sent: run.progress.sent, failed: run.progress.failed, skipped: run.progress.skipped }, 'reminders sent');
      return run;
    } finally {
      this.running = false;
    }
  }

  start(everyMs = 60_000): this {
    const look = () => void this.tick().catch((err: unknown) => this.log.error({ err: String(err) }, 'reminders failed; trying again in a minute'));
    this.timer = setInterval(look, everyMs);
    this.timer.unref();
    look();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** The server's reminders, from the environment (REMINDER_TIME); undefined when turned off. */
export function startReminderSchedule(env: NodeJS.ProcessEnv, store: Store, clock: () => Date, log: Logger): ReminderSchedule | undefined {
  const at = reminderTimeFrom(env);
  if (at === undefined) {
    log.info({}, 'reminders: off (REMINDER_TIME=off)');
    return undefined;
  }
  return new ReminderSchedule(remindersFrom(store, clock), at, clock, sendersFromEnv(env, store), log).start();
}
