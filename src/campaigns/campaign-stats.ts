import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { IncomingMessage, Reply } from '../core/message.js';
import { keptSecret } from '../storage/kept-secret.js';
import type { Store } from '../storage/store.js';
import { hashUser, type CampaignBook } from './campaign-book.js';

/** Users who came without a campaign link are counted under this code. */
export const DIRECT = 'direct';
const UNANSWERED_MAX_CHARS = 200;

export interface CampaignFigures {
  code: string;
  name: string;
  users: number;
  questions: number;
  answered: number;
  fallback: number;
  top_intents: { intent: string; count: number }[];
  by_day: { day: string; users: number; questions: number; answered: number; fallback: number }[];
  unanswered: { text: string; count: number }[];
}

/** The calendar day in Vietnam (UTC+7) of a moment. */
export function dayOf(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * An unanswered question as kept for editors: trimmed, and with long digit runs (phone or ID
 * numbers) removed, so no personal number is stored.
 */
export function redactQuestion(text: string): string {
  return text
    .replace(/\+?\d[\d\s.-]{7,}\d/g, '…')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, UNANSWERED_MAX_CHARS);
}

interface Attribution {
  code: string;
  channel: string;
  at: string;
}

/**
 * What each campaign brings in. The first contact of a person records their campaign; every later
 * question counts toward it. All counts are atomic increments, so concurrent messages lose nothing.
 */
export class CampaignStats {
  /** A person's campaign never changes once recorded, so it is kept here after the first look-up. */
  private readonly known = new LRUCache<string, string>({ max: 50_000 });
  private keptSalt: Promise<string> | undefined;

  constructor(
    private readonly store: Store,
    private readonly campaigns: CampaignBook,
    private readonly clock: () => Date,
    /** USER_HASH_SALT; when not given, the salt generated once and kept in the store (shared by every instance) */
    private readonly salt?: string,
  ) {}

  private async bump(code: string, what: string, day: string): Promise<void> {
    await Promise.all([this.store.increment('stats', `${code}:${what}`), this.store.increment('stats', `${code}:d:${day}:${what}`)]);
  }

  /** Records a person's first contact; a start payload naming a known campaign attributes them to it. */
  private async attribution(message: IncomingMessage, startPayload: string | undefined): Promise<string> {
    this.keptSalt ??= this.salt ? Promise.resolve(this.salt) : keptSecret(this.store, 'user-hash-salt', undefined).then((k) => k.value);
    const user = hashUser(message.channel, message.userId, await this.keptSalt);
    const cached = this.known.get(user);
    if (cached) return cached;
    const campaign = startPayload ? await this.campaigns.get(startPayload) : undefined;
    const wanted: Attribution = { code: campaign?.code ?? DIRECT, channel: message.channel, at: this.clock().toISOString() };
    if (await this.store.setIfAbsent('campaign', `u:${user}`, wanted)) {
      await this.bump(wanted.code, 'users', dayOf(this.clock()));
      this.known.set(user, wanted.code);
      return wanted.code;
    }
    const known = (await this.store.getFlag<Attribution>('campaign', `u:${user}`))?.code;
    if (known) this.known.set(user, known);
    return known ?? DIRECT;
  }

  /** Counts one message and its answer. */
  async record(message: IncomingMessage, reply: Reply, startPayload: string | undefined): Promise<void> {
    const code = await this.attribution(message, startPayload);
    const isQuestion = (message.text !== undefined && !message.text.trim().startsWith('/')) || message.button?.startsWith('q:');
    if (!isQuestion || reply.intent.startsWith('ui.') || reply.silent) return;
    const day = dayOf(this.clock());
    const answered = reply.intent !== 'fallback' && reply.intent !== 'clarify';
    await Promise.all([
      this.bump(code, 'q', day),
      this.bump(code, answered ? 'answered' : 'fallback', day),
      this.store.increment('stats', `${code}:i:${reply.intent}`),
    ]);
    if (!answered && message.text) await this.rememberUnanswered(code, redactQuestion(message.text));
  }

  private async rememberUnanswered(code: string, text: string): Promise<void> {
    if (!text) return;
    const id = createHash('sha256').update(text.toLowerCase()).digest('hex').slice(0, 16);
    if (await this.store.setIfAbsent('stats', `${code}:fbseen:${id}`, 1)) {
      const slot = await this.store.increment('stats', `${code}:fbslots`);
      await this.store.set('stats', `${code}:fbslot:${slot}`, { id, text });
    }
    await this.store.increment('stats', `${code}:fbq:${id}`);
  }

  async figures(code: string, name: string, intents: string[], since: string | undefined, from: string): Promise<CampaignFigures> {
    const count = (what: string) => this.store.count('stats', `${code}:${what}`);
    const days: string[] = [];
    const start = since && since > from ? since : from;
    for (let d = start; d <= dayOf(this.clock()) && days.length < 400; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) days.push(d);
    const by_day = (
      await Promise.all(
        days.map(async (day) => ({
          day,
          users: await count(`d:${day}:users`),
          questions: await count(`d:${day}:q`),
          answered: await count(`d:${day}:answered`),
          fallback: await count(`d:${day}:fallback`),
        })),
      )
    ).filter((d) => d.users + d.questions > 0);
    const sum = (k: 'users' | 'questions' | 'answered' | 'fallback') => by_day.reduce((n, d) => n + d[k], 0);
    const intentCounts = await Promise.all(intents.map(async (intent) => ({ intent, count: await count(`i:${intent}`) })));
    const slots = await count('fbslots');
    const unanswered = (
      await Promise.all(
        Array.from({ length: Math.min(slots, 1000) }, async (_, i) => {
          const entry = await this.store.get<{ id: string; text: string }>('stats', `${code}:fbslot:${i + 1}`);
          return entry ? { text: entry.text, count: await count(`fbq:${entry.id}`) } : undefined;
        }),
      )
    )
      .filter((u): u is { text: string; count: number } => u !== undefined)
      .sort((a, b) => b.count - a.count);
    return {
      code,
      name,
      users: since ? sum('users') : await count('users'),
      questions: since ? sum('questions') : await count('q'),
      answered: since ? sum('answered') : await count('answered'),
      fallback: since ? sum('fallback') : await count('fallback'),
      top_intents: intentCounts.filter((i) => i.count > 0).sort((a, b) => b.count - a.count).slice(0, 5),
      by_day,
      unanswered,
    };
  }
}
