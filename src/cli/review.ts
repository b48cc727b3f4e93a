import { parseArgs } from 'node:util';
import { ReviewList, type ReviewReason } from '../review/review-list.js';
import { openStore } from '../storage/open-store.js';
import { printable } from '../util/redact.js';
import { t } from './text.js';

const REASONS: ReviewReason[] = ['fallback', 'clarify', 'low_confidence', 'negative', 'handoff'];

/** `cli review [--reason R] [--limit N] [--json]`: the questions editors should look at, most frequent first. */
export async function reviewCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { reason: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } } });
  const reason = values.reason as ReviewReason | undefined;
  if (reason && !REASONS.includes(reason)) throw new Error(t('review.bad_reason', { reasons: REASONS.join(', ') }));
  const limit = Number(values.limit ?? 30);
  if (!Number.isInteger(limit) || limit < 1) throw new Error(t('review.bad_limit'));
  const store = openStore(process.env);
  try {
    const items = await new ReviewList(store).top(limit, reason);
    if (values.json) {
      console.log(JSON.stringify(items, null, 1));
      return;
    }
    if (items.length === 0) console.log(t('review.empty'));
    for (const item of items) console.log(`${String(item.count).padStart(5)}  ${t(`review.reason.${item.reason}`).padEnd(10)} ${(item.intent ?? '-').padEnd(26)} ${printable(item.text)}`);
  } finally {
    await store.close();
  }
}
