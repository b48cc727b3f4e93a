import { parseArgs } from 'node:util';
import { sendersFromEnv } from '../broadcasts/senders-from-env.js';
import { remindersFrom } from '../officers/reminder-schedule.js';
import { vietnamDay } from '../officers/reminders.js';
import { openStore } from '../storage/open-store.js';
import { clockFromEnv } from '../util/clock.js';

/** `reminders run [--dry-run]`: sends today's digests to officers (or resumes today's run), or shows them. */
export async function remindersCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'run') throw new Error('reminders needs a subcommand: run [--dry-run]');
  const { values } = parseArgs({ args: rest, options: { 'dry-run': { type: 'boolean' } } });
  const store = openStore(process.env);
  const clock = clockFromEnv(process.env);
  try {
    const reminders = remindersFrom(store, clock);
    if (values['dry-run']) {
      const digests = await reminders.digests();
      console.log(`Reminders of ${vietnamDay(clock())} (dry run, nothing sent): ${digests.length} officer(s). Only officers in Telegram or Zalo with the reminder on get one, when something is overdue or due in 7 days.`);
      for (const d of digests) console.log(`\n--- to ${d.officer.user} (${d.officer.unit}, ${d.officer.locality}): ${d.overdue.length} overdue, ${d.soon.length} due soon\n${d.text}`);
      return;
    }
    const run = await reminders.run(sendersFromEnv(process.env, store));
    if (run.state === 'done-already') console.log(`Reminders of ${run.day} were sent already (broadcast ${run.id}: broadcast status ${run.id}).`);
    else if (run.state === 'in-progress') console.log(`Reminders of ${run.day} are being sent by another run; try again in a few minutes.`);
    else if (run.state === 'nothing') console.log(`Reminders of ${run.day}: no officer in Telegram or Zalo (with the reminder on) has anything overdue or due in 7 days.`);
    else if (run.state === 'sent') {
      const p = run.progress;
      console.log(`Reminders of ${run.day} (broadcast ${run.id}): sent ${p.sent}, failed ${p.failed}, skipped ${p.skipped} (no sender for the channel), blocked ${p.dropped}, uncertain ${p.uncertain} of ${p.total}.`);
    }
  } finally {
    await store.close();
  }
}
