import { createHash } from 'node:crypto';
import { redactQuestion } from '../campaigns/campaign-stats.js';
import type { Store } from '../storage/store.js';

/** Why a question needs an editor's eye. */
export type ReviewReason = 'fallback' | 'clarify' | 'low_confidence' | 'negative';

export interface ReviewItem {
  id: string;
  /** the question, with personal numbers removed */
  text: string;
  reason: ReviewReason;
  /** the intent it got (or the best guess) */
  intent: string | null;
  count: number;
}

interface Entry {
  text: string;
  reason: ReviewReason;
  intent: string | null;
}

/** How many distinct questions are kept in the list's index. */
const MAX_ENTRIES = 5000;

/**
 * The questions editors should look at: fallbacks, clarifications, low-confidence answers and 👎,
 * most frequent first, personal data removed. Counts are atomic increments; the first report of a
 * question records its text.
 */
export class ReviewList {
  constructor(private readonly store: Store) {}

  async record(question: string, reason: ReviewReason, intent: string | undefined): Promise<void> {
    const text = redactQuestion(question);
    if (!text) return;
    const id = createHash('sha256').update(`${reason}\n${text.toLowerCase()}`).digest('hex').slice(0, 16);
    if (await this.store.setIfAbsent('stats', `review:seen:${id}`, 1)) {
      const slot = await this.store.increment('stats', 'review:slots');
      if (slot > MAX_ENTRIES) return;
      const entry: Entry = { text, reason, intent: intent ?? null };
      await this.store.set('stats', `review:slot:${slot}`, { id, ...entry });
    }
    await this.store.increment('stats', `review:n:${id}`);
  }

  /** The most frequent questions to review, optionally of one reason. */
  async top(limit = 20, reason?: ReviewReason): Promise<ReviewItem[]> {
    const slots = Math.min(await this.store.count('stats', 'review:slots'), MAX_ENTRIES);
    const items = await Promise.all(
      Array.from({ length: slots }, async (_, i) => {
        const entry = await this.store.get<Entry & { id: string }>('stats', `review:slot:${i + 1}`);
        return entry ? { ...entry, count: await this.store.count('stats', `review:n:${entry.id}`) } : undefined;
      }),
    );
    return items
      .filter((x): x is ReviewItem => x !== undefined && (!reason || x.reason === reason))
      .sort((a, b) => b.count - a.count)
      .slice(0, limit);
  }
}
