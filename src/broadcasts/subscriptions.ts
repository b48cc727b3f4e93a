import { fold } from '../nlu/fold.js';
import type { Store } from '../storage/store.js';

/** A person who asked for news (đăng ký nhận tin), optionally of one locality. */
export interface Subscriber {
  channel: string;
  userId: string;
  locality: string | null;
  since: string;
}

/** Channels that can send a message without being asked: the web chat cannot. */
export const PUSH_CHANNELS = new Set(['telegram', 'zalo', 'zalo-bot']);

/** Subscribers in the store, listed through numbered slots so that concurrent subscriptions lose nothing. */
export class Subscriptions {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  private key(channel: string, userId: string): string {
    return `${channel}:${userId}`;
  }

  async subscribe(channel: string, userId: string, locality: string | null): Promise<Subscriber> {
    const key = this.key(channel, userId);
    const subscriber: Subscriber = { channel, userId, locality, since: this.clock().toISOString() };
    await this.store.set('subscriber', `s:${key}`, subscriber);
    if (await this.store.setIfAbsent('subscriber', `listed:${key}`, 1)) {
      const slot = await this.store.increment('subscriber', 'count');
      await this.store.set('subscriber', `slot:${slot}`, key);
    }
    return subscriber;
  }

  async unsubscribe(channel: string, userId: string): Promise<boolean> {
    return this.store.delete('subscriber', `s:${this.key(channel, userId)}`);
  }

  get(channel: string, userId: string): Promise<Subscriber | undefined> {
    return this.store.get<Subscriber>('subscriber', `s:${this.key(channel, userId)}`);
  }

  /** Subscribers of a locality (and those who asked for news of everywhere), in subscription order. */
  async matching(locality: string | null): Promise<Subscriber[]> {
    const count = await this.store.count('subscriber', 'count');
    const wanted = locality ? fold(locality) : null;
    const found: Subscriber[] = [];
    for (let slot = 1; slot <= count; slot++) {
      const key = await this.store.get<string>('subscriber', `slot:${slot}`);
      const s = key ? await this.store.get<Subscriber>('subscriber', `s:${key}`) : undefined;
      if (!s) continue;
      if (!wanted || !s.locality || fold(s.locality) === wanted) found.push(s);
    }
    return found;
  }
}
