import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import PQueue from 'p-queue';
import type { Store } from '../storage/store.js';
import type { Sender } from './senders.js';
import { PUSH_CHANNELS, type Subscriptions } from './subscriptions.js';

export interface Broadcast {
  id: string;
  text: string;
  locality: string | null;
  createdAt: string;
  total: number;
}

export interface BroadcastProgress {
  id: string;
  total: number;
  sent: number;
  failed: number;
  dropped: number;
  skipped: number;
  /** claimed by a run that stopped before it knew the outcome: not sent again, so nobody gets it twice */
  uncertain: number;
  remaining: number;
}

interface Job {
  channel: string;
  userId: string;
  /** a message of its own for this recipient (a reminder digest); otherwise the broadcast's text */
  text?: string;
}

/** One recipient of a broadcast whose messages differ per person. */
export interface PersonalMessage {
  channel: string;
  userId: string;
  text: string;
}

const MAX_ATTEMPTS = 4;

/**
 * A persistent broadcast queue. A broadcast is a snapshot of its recipients; each recipient is
 * claimed atomically right before sending, so a restarted run (or a second instance) never sends
 * anyone the same broadcast twice. Sending respects each platform's rate and retries 429s.
 */
export class BroadcastQueue {
  constructor(
    private readonly store: Store,
    private readonly subscriptions: Subscriptions,
    private readonly clock: () => Date,
  ) {}

  /** Who a broadcast to this locality would reach now: subscribers of channels that can send unasked. */
  async recipients(locality: string | null): Promise<{ channel: string; userId: string }[]> {
    return (await this.subscriptions.matching(locality)).filter((s) => PUSH_CHANNELS.has(s.channel));
  }

  async create(text: string, locality: string | null): Promise<Broadcast> {
    if (text.trim().length === 0) throw new Error('the broadcast text is empty');
    const recipients = await this.recipients(locality);
    const id = randomUUID().slice(0, 8);
    for (const [i, s] of recipients.entries()) await this.store.set<Job>('broadcast', `${id}:job:${i + 1}`, { channel: s.channel, userId: s.userId });
    const broadcast: Broadcast = { id, text: text.trim(), locality, createdAt: this.clock().toISOString(), total: recipients.length };
    await this.store.set('broadcast', `b:${id}`, broadcast);
    return broadcast;
  }

  /**
   * A broadcast with a message per recipient under a fixed id (a day's reminders): made once. If it exists,
   * it is returned as it is, so a run after a crash resumes it and nobody gets a second message. Only one
   * caller writes it (a claim with a TTL); a creation that died before the header was written is made again
   * after the claim runs out, which is safe since nothing is sent before the header exists.
   */
  async createOnce(id: string, label: string, messages: PersonalMessage[]): Promise<Broadcast | undefined> {
    const existing = await this.get(id);
    if (existing) return existing;
    if (!(await this.store.setIfAbsent('broadcast', `${id}:creating`, randomUUID(), 60_000))) return undefined;
    const jobs = messages.filter((m) => PUSH_CHANNELS.has(m.channel) && m.text.trim().length > 0);
    for (const [i, m] of jobs.entries()) await this.store.set<Job>('broadcast', `${id}:job:${i + 1}`, { channel: m.channel, userId: m.userId, text: m.text });
    const broadcast: Broadcast = { id, text: label, locality: null, createdAt: this.clock().toISOString(), total: jobs.length };
    await this.store.set('broadcast', `b:${id}`, broadcast);
    return broadcast;
  }

  get(id: string): Promise<Broadcast | undefined> {
    return this.store.get<Broadcast>('broadcast', `b:${id}`);
  }

  async progress(id: string): Promise<BroadcastProgress> {
    const b = await this.get(id);
    if (!b) throw new Error(`No broadcast ${id}`);
    const n = (what: string) => this.store.count('broadcast', `${id}:${what}`);
    const [sent, failed, dropped, skipped, claimed] = await Promise.all([n('sent'), n('failed'), n('dropped'), n('skipped'), n('claimed')]);
    const finished = sent + failed + dropped + skipped;
    const running = (await this.store.get<string>('broadcast', `${id}:runner`)) !== undefined;
    return { id, total: b.total, sent, failed, dropped, skipped, uncertain: running ? 0 : claimed - finished, remaining: b.total - claimed };
  }

  /**
   * Sends what is left of a broadcast. `senders` maps a channel to its sender; recipients of a
   * channel without one are skipped. Calls `onProgress` after each message.
   */
  async run(id: string, senders: Record<string, Sender | undefined>, onProgress?: (p: BroadcastProgress) => void): Promise<BroadcastProgress> {
    const b = await this.get(id);
    if (!b) throw new Error(`No broadcast ${id}`);
    const runner = randomUUID();
    await this.store.set('broadcast', `${id}:runner`, runner, 60_000);
    const queues = new Map<string, PQueue>();
    const queueFor = (channel: string, sender: Sender) => {
      let q = queues.get(channel);
      if (!q) {
        // one start every 1/perSecond seconds: evenly spaced, so no second ever holds more than the limit
        q = new PQueue({ concurrency: Math.max(1, Math.ceil(sender.perSecond / 5)), intervalCap: 1, interval: Math.ceil(1000 / sender.perSecond), carryoverConcurrencyCount: true });
        queues.set(channel, q);
      }
      return q;
    };
    const count = async (what: string) => {
      await this.store.increment('broadcast', `${id}:${what}`);
    };
    const heartbeat = setInterval(() => void this.store.set('broadcast', `${id}:runner`, runner, 60_000), 20_000);
    try {
      const work: Promise<void>[] = [];
      for (let n = 1; n <= b.total; n++) {
        const job = await this.store.get<Job>('broadcast', `${id}:job:${n}`);
        if (!job) continue;
        const sender = senders[job.channel];
        if (!sender) {
          if (await this.store.setIfAbsent('broadcast', `${id}:claim:${n}`, runner)) {
            await count('claimed');
            await count('skipped');
          }
          continue;
        }
        const queue = queueFor(job.channel, sender);
        if (queue.size > 200) await queue.onSizeLessThan(100);
        work.push(
          queue.add(async () => {
            if (!(await this.store.setIfAbsent('broadcast', `${id}:claim:${n}`, runner))) return;
            await count('claimed');
            for (let attempt = 1; ; attempt++) {
              const result = await sender.send(job.userId, job.text ?? b.text);
              if (result.kind === 'retry' && attempt < MAX_ATTEMPTS) {
                await sleep(result.afterMs);
                continue;
              }
              if (result.kind === 'sent') await count('sent');
              else if (result.kind === 'blocked') {
                await count('dropped');
                await this.subscriptions.unsubscribe(job.channel, job.userId);
              } else if (result.kind === 'skipped') await count('skipped');
              else await count('failed');
              break;
            }
            onProgress?.(await this.progress(id));
          }) as Promise<void>,
        );
      }
      await Promise.all(work);
    } finally {
      clearInterval(heartbeat);
      await this.store.delete('broadcast', `${id}:runner`);
    }
    return this.progress(id);
  }
}
