import type { Turn } from '../handoff/handoff.js';
import type { Language } from '../nlu/language.js';
import type { Store } from '../storage/store.js';
import type { ChannelName } from './message.js';

/** What the assistant remembers of one person between messages. */
export interface Session {
  language?: Language;
  /** the last topic answered, for follow-ups ("còn mức 2 thì sao?") */
  lastIntent?: string;
  lastIntentAt?: number;
  /** the last question, personal numbers removed, for a 👎 that follows it */
  lastQuestion?: string;
  /** the other topics it might have been, offered after a 👎 */
  lastCandidates?: string[];
  /** the last turns of this conversation (at most 20, of 24 hours): what staff read if the citizen asks for a person */
  turns?: Turn[];
  /** misses in a row (no answer, 👎): at two a person is offered */
  misses?: number;
  /** when a person was last offered ("gửi cán bộ" typed then counts as the button) */
  offeredAt?: number;
}

/** Sessions expire a day after the last message; the topic of a follow-up only counts for 30 minutes. */
export const SESSION_TTL_MS = 24 * 60 * 60_000;
export const FOLLOW_UP_WINDOW_MS = 30 * 60_000;

export class Sessions {
  constructor(readonly store: Store) {}

  private key(channel: ChannelName, userId: string): string {
    return `${channel}:${userId}`;
  }

  async load(channel: ChannelName, userId: string): Promise<Session> {
    return (await this.store.get<Session>('session', this.key(channel, userId))) ?? {};
  }

  save(channel: ChannelName, userId: string, session: Session): Promise<void> {
    return this.store.set('session', this.key(channel, userId), session, SESSION_TTL_MS);
  }
}

export function previousIntentOf(session: Session, now: number): string | undefined {
  if (!session.lastIntent || !session.lastIntentAt) return undefined;
  return now - session.lastIntentAt <= FOLLOW_UP_WINDOW_MS ? session.lastIntent : undefined;
}
