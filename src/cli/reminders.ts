import { parseArgs } from 'node:util';
import { sendersFromEnv } from '../broadcasts/senders-from-env.js';
import { remindersFrom } from '../officers/reminder-schedule.js';
import { vietnamDay } from '../util/vietnam-time.js';
import { openStore } from '../storage/open-store.js';
import { clockFromEnv } from '../util/clock.js';
import { t } from './text.js';

/** `reminders run [--dry-run]`: sends today's digests to officers (or resumes today's run), or shows them. */
export async function remindersCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'run') throw new Error(t('reminders.needs_subcommand'));
  const { values } = parseArgs({ args: rest, options: { 'dry-run': { type: 'boolean' } } });
  const store = openStore(process.env);
  const clock = clockFromEnv(process.env);
  try {
    const reminders = remindersFrom(store, clock);
    if (values['dry-run']) {
      const digests = await reminders.digests();
      console.log(t('reminders.dry_run', { day: vietnamDay(clock()), count: digests.length }));
      for (const d of digests) {
        const head = t('reminders.digest', { user: d.officer.user, unit: d.officer.unit, locality: d.officer.locality, overdue: d.overdue.length, soon: d.soon.length });
        console.log(`\n${head}\n${d.text}`);
      }
      return;
    }
    const run = await reminders.run(sendersFromEnv(process.env, store));
    if (run.state === 'done-already') console.log(t('reminders.done_already', { day: run.day, id: run.id }));
    else if (run.state === 'in-progress') console.log(t('reminders.in_progress', { day: run.day }));
    else if (run.state === 'nothing') console.log(t('reminders.nothing', { day: run.day }));
    else if (run.state === 'sent') {
      const p = run.progress;
      console.log(t('reminders.sent', { day: run.day, id: run.id, sent: p.sent, failed: p.failed, skipped: p.skipped, dropped: p.dropped, uncertain: p.uncertain, total: p.total }));
    }
  } finally {
    await store.close();
  }
}
