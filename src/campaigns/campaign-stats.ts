import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { ChannelName, IncomingMessage, Reply } from '../core/message.js';
import { keptSecret } from '../storage/kept-secret.js';
import { redactPersonal } from '../util/redact.js';
import type { Store } from '../storage/store.js';
import { hashUser, type CampaignBook } from './campaign-book.js';
import { vietnamDay } from '../util/vietnam-time.js';

/** The channels whose questions are counted apart. */
const CHANNELS: readonly ChannelName[] = ['web', 'telegram', 'zalo', 'zalo-bot', 'console'];

/** Users who came without a campaign link are counted under this code. */
export const DIRECT = 'direct';
const UNANSWERED_MAX_CHARS = 200;

export interface CampaignFigures {
  code: string;
  name: string;
  users: number;
  questions: number;
  answered: number;
  /** questions not answered: the clarified ones ("Ý bạn là…?") and the true fallbacks */
  fallback: number;
  /** of `fallback`, those that got "Ý bạn là…?" */
  clarified: number;
  /** 👍 and 👎 pressed */
  helpful: number;
  unhelpful: number;
  by_channel: { channel: string; questions: number }[];
  top_intents: { intent: string; count: number }[];
  by_day: { day: string; users: number; questions: number; answered: number; fallback: number; clarified: number }[];
  unanswered: { text: string; count: number }[];
}


/** An unanswered question as kept for editors: personal data removed (see redactPersonal). */
export function redactQuestion(text: string): string {
  return redactPersonal(text, UNANSWERED_MAX_CHARS);
}

/** How long a person's campaign and the unanswered questions' texts are kept. */
const KEEP_MS = 180 * 86_400_000;
/** How many distinct unanswered questions each campaign ranks (the rarest fall off, never the frequent ones). */
const UNANSWERED_RANKED = 1000;

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

  /**
   * A person counts for a campaign at their first real question, not at "/start CODE": the code is
   * only remembered for a day until then, so made-up ids that never ask anything credit nobody.
   */
  private async attribution(message: IncomingMessage, startPayload: string | undefined): Promise<string | undefined> {
    this.keptSalt ??= this.salt ? Promise.resolve(this.salt) : keptSecret(this.store, 'user-hash-salt', undefined).then((k) => k.value);
    const user = hashUser(message.channel, message.userId, await this.keptSalt);
    const cached = this.known.get(user);
    if (cached) return cached;
    if (startPayload) {
      const campaign = await this.campaigns.get(startPayload);
      if (campaign) await this.store.set('campaign', `pending:${user}`, campaign.code, 86_400_000);
      return undefined;
    }
    const pending = await this.store.get<string>('campaign', `pending:${user}`);
    const wanted: Attribution = { code: pending ?? DIRECT, channel: message.channel, at: this.clock().toISOString() };
    if (await this.store.setIfAbsent('campaign', `u:${user}`, wanted, KEEP_MS)) {
      await this.bump(wanted.code, 'users', vietnamDay(this.clock()));
      this.known.set(user, wanted.code);
      return wanted.code;
    }
    const known = (await this.store.getFlag<Attribution>('campaign', `u:${user}`))?.code;
    if (known) this.known.set(user, known);
    return known ?? DIRECT;
  }

  /** The campaign a person came through, if any: read only, nothing is counted. */
  async campaignOf(channel: IncomingMessage['channel'], userId: string): Promise<string | undefined> {
    this.keptSalt ??= this.salt ? Promise.resolve(this.salt) : keptSecret(this.store, 'user-hash-salt', undefined).then((k) => k.value);
    const user = hashUser(channel, userId, await this.keptSalt);
    const code = this.known.get(user) ?? (await this.store.getFlag<Attribution>('campaign', `u:${user}`))?.code ?? (await this.store.get<string>('campaign', `pending:${user}`));
    return code && code !== DIRECT ? code : undefined;
  }

  /** Counts one message and its answer. */
  async record(message: IncomingMessage, reply: Reply, startPayload: string | undefined): Promise<void> {
    const feedback = message.button === 'fb:up' ? 'up' : message.button === 'fb:down' ? 'down' : undefined;
    if (feedback) {
      const code = await this.attribution(message, undefined);
      if (code) await this.bump(code, feedback, vietnamDay(this.clock()));
      return;
    }
    const isQuestion = (message.text !== undefined && !message.text.trim().startsWith('/')) || message.button?.startsWith('q:');
    if (!startPayload && (!isQuestion || reply.intent.startsWith('ui.') || reply.silent)) return;
    const code = await this.attribution(message, startPayload);
    if (!code) return;
    const day = vietnamDay(this.clock());
    const answered = reply.intent !== 'fallback' && reply.intent !== 'clarify';
    await Promise.all([
      this.bump(code, 'q', day),
      this.bump(code, answered ? 'answered' : 'fallback', day),
      this.bump(code, `ch:${message.channel}`, day),
      ...(reply.intent === 'clarify' ? [this.bump(code, 'clarify', day)] : []),
      this.store.increment('stats', `${code}:i:${reply.intent}`),
    ]);
    if (!answered && message.text) await this.rememberUnanswered(code, redactQuestion(message.text));
  }

  /** The text is kept once (for half a year); the ranked list keeps the most frequent questions. */
  private async rememberUnanswered(code: string, text: string): Promise<void> {
    if (!text) return;
    const id = createHash('sha256').update(text.toLowerCase()).digest('hex').slice(0, 16);
    await this.store.setIfAbsent('stats', `${code}:fbtext:${id}`, text, KEEP_MS);
    await this.store.bumpRanked('stats', `${code}:fbtop`, id, 1, UNANSWERED_RANKED);
  }

  /** A campaign's figures, all time or from `since`, up to `until` (both days included, Vietnam time). */
  async figures(code: string, name: string, intents: string[], since: string | undefined, from: string, until?: string): Promise<CampaignFigures> {
    const count = (what: string) => this.store.count('stats', `${code}:${what}`);
    const days: string[] = [];
    const start = since && since > from ? since : from;
    const today = vietnamDay(this.clock());
    const last = until && until < today ? until : today;
    const ranged = Boolean(since || until);
    for (let d = start; d <= last && days.length < 400; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) days.push(d);
    const by_day = (
      await Promise.all(
        days.map(async (day) => ({
          day,
          users: await count(`d:${day}:users`),
          questions: await count(`d:${day}:q`),
          answered: await count(`d:${day}:answered`),
          fallback: await count(`d:${day}:fallback`),
          clarified: await count(`d:${day}:clarify`),
        })),
      )
    ).filter((d) => d.users + d.questions > 0);
    const sum = (k: 'users' | 'questions' | 'answered' | 'fallback' | 'clarified') => by_day.reduce((n, d) => n + d[k], 0);
    // counters kept per day but not shown per day: summed over the range when there is one
    const total = async (what: string) => (ranged ? (await Promise.all(days.map((day) => count(`d:${day}:${what}`)))).reduce((a, b) => a + b, 0) : count(what));
    const by_channel = (await Promise.all(CHANNELS.map(async (channel) => ({ channel, questions: await total(`ch:${channel}`) })))).filter((c) => c.questions > 0);
    const intentCounts = await Promise.all(intents.map(async (intent) => ({ intent, count: await count(`i:${intent}`) })));
    const unanswered = (
      await Promise.all(
        (await this.store.topRanked('stats', `${code}:fbtop`, 50)).map(async (r) => {
          const text = await this.store.getFlag<string>('stats', `${code}:fbtext:${r.member}`);
          return text ? { text, count: r.score } : undefined;
        }),
      )
    ).filter((u): u is { text: string; count: number } => u !== undefined);
    return {
      code,
      name,
      users: ranged ? sum('users') : await count('users'),
      questions: ranged ? sum('questions') : await count('q'),
      answered: ranged ? sum('answered') : await count('answered'),
      fallback: ranged ? sum('fallback') : await count('fallback'),
      clarified: ranged ? sum('clarified') : await count('clarify'),
      helpful: await total('up'),
      unhelpful: await total('down'),
      by_channel,
      top_intents: intentCounts.filter((i) => i.count > 0).sort((a, b) => b.count - a.count).slice(0, 5),
      by_day,
      unanswered,
    };
  }
}
