import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { BroadcastQueue, type BroadcastProgress } from '../broadcasts/broadcast-queue.js';
import { sendersFromEnv } from '../broadcasts/senders-from-env.js';
import { Subscriptions } from '../broadcasts/subscriptions.js';
import { loadContent } from '../core/locale.js';
import { PROJECT_ROOT } from '../core/build.js';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';
import { clockFromEnv } from '../util/clock.js';

function describe(p: BroadcastProgress): string {
  return `sent ${p.sent}, failed ${p.failed}, dropped (blocked) ${p.dropped}, skipped ${p.skipped}, uncertain ${p.uncertain}, remaining ${p.remaining} of ${p.total}`;
}

async function runWithProgress(queue: BroadcastQueue, id: string, store: Store): Promise<void> {
  const total = (await queue.get(id))!.total;
  const bar = process.stderr.isTTY ? new SingleBar({ format: 'broadcast {bar} {value}/{total} sent {sent} failed {failed}', hideCursor: true }) : undefined;
  bar?.start(total, 0, { sent: 0, failed: 0 });
  let lastLogged = 0;
  const done = await queue.run(id, sendersFromEnv(process.env, store), (p) => {
    const handled = p.total - p.remaining;
    bar?.update(handled, { sent: p.sent, failed: p.failed });
    if (!bar && handled - lastLogged >= Math.max(1, Math.floor(total / 10))) {
      lastLogged = handled;
      console.error(`progress: ${describe(p)}`);
    }
  });
  bar?.stop();
  console.log(`Broadcast ${id} finished: ${describe(done)}`);
}

export async function broadcastCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const store = openStore(process.env);
  const clock = clockFromEnv(process.env);
  const queue = new BroadcastQueue(store, new Subscriptions(store, clock), clock);
  try {
    if (sub === 'send') {
      const { values } = parseArgs({ args: rest, options: { locality: { type: 'string' }, 'text-file': { type: 'string' }, key: { type: 'string' }, 'no-run': { type: 'boolean' } } });
      let text: string | undefined;
      if (values['text-file']) text = readFileSync(values['text-file'], 'utf8');
      else if (values.key) {
        const [intent, lang = 'vi'] = values.key.split('@');
        text = loadContent(PROJECT_ROOT).locales[lang === 'en' ? 'en' : 'vi'].answers[intent!]?.text;
        if (!text) throw new Error(`No answer "${values.key}" in the locales (use an intent id, e.g. vneid.level2.how or fee@en)`);
      } else throw new Error('broadcast send needs --text-file FILE or --key INTENT[@en]');
      const b = await queue.create(text, values.locality ?? null);
      console.log(`Broadcast ${b.id}: ${b.total} recipients${b.locality ? ` in ${b.locality}` : ''}. Status: broadcast status ${b.id}`);
      if (!values['no-run']) await runWithProgress(queue, b.id, store);
      return;
    }
    if (sub === 'resume') {
      const id = rest[0];
      if (!id || !(await queue.get(id))) throw new Error(`No broadcast "${id ?? ''}"`);
      await runWithProgress(queue, id, store);
      return;
    }
    if (sub === 'status') {
      const id = rest[0];
      if (!id || !(await queue.get(id))) throw new Error(`No broadcast "${id ?? ''}"`);
      const p = await queue.progress(id);
      const width = 30;
      const filled = p.total === 0 ? width : Math.round(((p.total - p.remaining) / p.total) * width);
      console.log(`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${describe(p)}`);
      return;
    }
    throw new Error('broadcast needs a subcommand: send, resume or status');
  } finally {
    await store.close();
  }
}
