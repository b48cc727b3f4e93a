import type { ChannelName } from '../core/message.js';
import type { Store } from '../storage/store.js';

/** Messages from staff to one citizen (an answer, "the conversation is closed"), numbered, kept a month. */
export interface OutboxMessage {
  n: number;
  text: string;
  at: string;
  /** the handed-over conversation, and the staff entry when it is an answer */
  handoff: string;
  entry?: number;
}

const KEEP_MS = 30 * 86_400_000;

/**
 * What staff send a citizen, waiting to reach them. Each message is taken once: a flag set if absent
 * (atomic, also across instances sharing Redis) marks it before it goes out, so two instances, or a
 * push and the web page's poll, never deliver it twice. A send that failed gives its flag back.
 */
export class Outbox {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  private user(channel: ChannelName, userId: string): string {
    return `${channel}:${userId}`;
  }

  async push(channel: ChannelName, userId: string, text: string, handoff: string, entry?: number): Promise<OutboxMessage> {
    const user = this.user(channel, userId);
    const n = await this.store.increment('handoff', `out:${user}`, 1, KEEP_MS);
    const message: OutboxMessage = { n, text, at: this.clock().toISOString(), handoff, ...(entry !== undefined ? { entry } : {}) };
    await this.store.set('handoff', `o:${user}:${n}`, message, KEEP_MS);
    return message;
  }

  /** Marks one message as going out; false when it went (or is going) already. */
  claim(channel: ChannelName, userId: string, n: number): Promise<boolean> {
    return this.store.setIfAbsent('handoff', `sent:${this.user(channel, userId)}:${n}`, { at: this.clock().toISOString() }, KEEP_MS);
  }

  /** A send that failed: the message may go later (the next time the citizen writes, or a retry). */
  release(channel: ChannelName, userId: string, n: number): Promise<void> {
    return this.store.deleteFlag('handoff', `sent:${this.user(channel, userId)}:${n}`);
  }

  sentAt(channel: ChannelName, userId: string, n: number): Promise<{ at: string } | undefined> {
    return this.store.getFlag<{ at: string }>('handoff', `sent:${this.user(channel, userId)}:${n}`);
  }

  /** Every message not yet delivered, each claimed for the caller (who must show or send them). */
  async take(channel: ChannelName, userId: string): Promise<OutboxMessage[]> {
    const user = this.user(channel, userId);
    const count = await this.store.count('handoff', `out:${user}`);
    const taken: OutboxMessage[] = [];
    // the latest 50 at most: older ones are past any use
    for (let n = Math.max(1, count - 49); n <= count; n++) {
      if (await this.store.getFlag('handoff', `sent:${user}:${n}`)) continue;
      const message = await this.store.get<OutboxMessage>('handoff', `o:${user}:${n}`);
      if (message && (await this.claim(channel, userId, n))) taken.push(message);
    }
    return taken;
  }
}
