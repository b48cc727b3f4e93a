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
import { t } from './text.js';

function describe(p: BroadcastProgress): string {
  return t('broadcast.progress', { sent: p.sent, failed: p.failed, dropped: p.dropped, skipped: p.skipped, uncertain: p.uncertain, remaining: p.remaining, total: p.total });
}

async function runWithProgress(queue: BroadcastQueue, id: string, store: Store): Promise<void> {
  const total = (await queue.get(id))!.total;
  const bar = process.stderr.isTTY ? new SingleBar({ format: t('broadcast.bar'), hideCursor: true }) : undefined;
  bar?.start(total, 0, { sent: 0, failed: 0 });
  let lastLogged = 0;
  const done = await queue.run(id, sendersFromEnv(process.env, store), (p) => {
    const handled = p.total - p.remaining;
    bar?.update(handled, { sent: p.sent, failed: p.failed });
    if (!bar && handled - lastLogged >= Math.max(1, Math.floor(total / 10))) {
      lastLogged = handled;
      console.error(t('broadcast.progress_line', { progress: describe(p) }));
    }
  });
  bar?.stop();
  console.log(t('broadcast.finished', { id, progress: describe(done) }));
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
        if (!text) throw new Error(t('broadcast.no_answer', { key: values.key }));
      } else throw new Error(t('broadcast.needs_text'));
      if (text.trim().length === 0) throw new Error(t('broadcast.empty_text'));
      const b = await queue.create(text, values.locality ?? null);
      console.log(t('broadcast.created', { id: b.id, total: b.total, where: b.locality ? t('broadcast.in_locality', { locality: b.locality }) : '' }));
      if (!values['no-run']) await runWithProgress(queue, b.id, store);
      return;
    }
    if (sub === 'resume') {
      const id = rest[0];
      if (!id || !(await queue.get(id))) throw new Error(t('broadcast.not_found', { id: id ?? '' }));
      await runWithProgress(queue, id, store);
      return;
    }
    if (sub === 'status') {
      const id = rest[0];
      if (!id || !(await queue.get(id))) throw new Error(t('broadcast.not_found', { id: id ?? '' }));
      const p = await queue.progress(id);
      const width = 30;
      const filled = p.total === 0 ? width : Math.round(((p.total - p.remaining) / p.total) * width);
      console.log(`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${describe(p)}`);
      return;
    }
    throw new Error(t('broadcast.needs_subcommand'));
  } finally {
    await store.close();
  }
}
