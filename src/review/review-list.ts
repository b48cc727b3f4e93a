import { createHash } from 'node:crypto';
import { redactQuestion } from '../campaigns/campaign-stats.js';
import type { Store } from '../storage/store.js';
import { redactPersonal } from '../util/redact.js';

/** Why a question needs an editor's eye ('handoff': a question staff answered in live help, with their answer as a draft). */
export type ReviewReason = 'fallback' | 'clarify' | 'low_confidence' | 'negative' | 'handoff';

export interface ReviewItem {
  id: string;
  /** the question, with personal data removed */
  text: string;
  reason: ReviewReason;
  /** the intent it got (or the best guess) */
  intent: string | null;
  count: number;
  /** a draft answer (what an agent answered in live help) */
  draft?: string;
}

interface Entry {
  text: string;
  reason: ReviewReason;
  intent: string | null;
  draft?: string;
}

/** Who took a question off the list, and the intent it was given, if any. */
export interface Handled {
  by: string;
  at: string;
  intent?: string;
}

/** Handled questions are passed over: this many more are read so a page stays full. */
const HANDLED_LOOKAHEAD = 200;
/** How many distinct questions are ranked: past that the rarest fall off, never the frequent ones. */
const RANKED = 2000;
/** How long a question's text is kept. */
const KEEP_MS = 180 * 86_400_000;

/**
 * The questions editors should look at: fallbacks, clarifications, low-confidence answers and 👎,
 * most frequent first, personal data removed. Counted in ranked lists (one for all, one per reason),
 * so a flood of junk questions cannot push out the questions people keep asking.
 */
export class ReviewList {
  constructor(private readonly store: Store) {}

  async record(question: string, reason: ReviewReason, intent: string | undefined, draft?: string): Promise<string | undefined> {
    const text = redactQuestion(question);
    if (!text) return undefined;
    const id = createHash('sha256').update(`${reason}\n${text.toLowerCase()}`).digest('hex').slice(0, 16);
    const entry: Entry = { text, reason, intent: intent ?? null, ...(draft ? { draft: redactPersonal(draft, 2000) } : {}) };
    await this.store.setIfAbsent('stats', `review:t:${id}`, entry, KEEP_MS);
    await Promise.all([this.store.bumpRanked('stats', 'review:top', id, 1, RANKED), this.store.bumpRanked('stats', `review:top:${reason}`, id, 1, RANKED)]);
    return id;
  }

  /** The most frequent questions still to review (not marked handled), optionally of one reason. */
  async top(limit = 20, reason?: ReviewReason): Promise<ReviewItem[]> {
    const ranked = await this.store.topRanked('stats', reason ? `review:top:${reason}` : 'review:top', limit + HANDLED_LOOKAHEAD);
    const items = await Promise.all(
      ranked.map(async (r) => {
        const [entry, handled] = await Promise.all([this.store.getFlag<Entry>('stats', `review:t:${r.member}`), this.store.getFlag<Handled>('stats', `review:done:${r.member}`)]);
        return entry && !handled ? { id: r.member, ...entry, count: r.score } : undefined;
      }),
    );
    return items.filter((x): x is ReviewItem => x !== undefined).slice(0, limit);
  }

  async get(id: string): Promise<ReviewItem | undefined> {
    if (!/^[0-9a-f]{16}$/.test(id)) return undefined;
    const entry = await this.store.getFlag<Entry>('stats', `review:t:${id}`);
    return entry ? { id, ...entry, count: 0 } : undefined;
  }

  /** An editor dealt with the question (answered it by an example, or decided it needs nothing): it leaves the list. */
  async markHandled(id: string, handled: Handled): Promise<void> {
    await this.store.setFlag('stats', `review:done:${id}`, handled, KEEP_MS);
  }
}
