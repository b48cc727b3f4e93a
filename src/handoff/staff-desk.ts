import type { ChannelName } from '../core/message.js';
import type { Language } from '../nlu/language.js';
import type { HandoffBook, HandoffView } from './handoff-book.js';
import type { Delivery, Outcome, StaffEntry, Turn } from './handoff.js';
import type { Outbox } from './outbox.js';

/** Sends a text to a citizen in their channel; the web chat has no push ("waiting": its page fetches it). */
export type CitizenPoster = (channel: ChannelName, userId: string, text: string) => Promise<Delivery>;

export interface AnswerDelivery {
  entry: StaffEntry;
  delivery: Delivery;
}

/** What the claiming agent reads: the turns before the request, the citizen's messages since, and staff's entries, in time order. */
export interface Conversation {
  handoff: HandoffView;
  turns: (Turn & { n?: number; kind?: StaffEntry['kind']; by?: string; delivery?: Delivery })[];
}

/**
 * The staff side of "Ask a person": answers go to the citizen's outbox, then out through their
 * channel, each marked as going out (set if absent) before it is sent, so it goes once even with
 * several instances; closing tells the citizen that the assistant takes over again.
 */
export class StaffDesk {
  constructor(
    private readonly book: HandoffBook,
    private readonly outbox: Outbox,
    private readonly post: CitizenPoster,
    private readonly text: (language: Language, key: string, values?: Record<string, string>) => string,
  ) {}

  /** Sends one outbox message unless it went already; a send that did not arrive gives its mark back. */
  async sendOnce(channel: ChannelName, userId: string, n: number, text: string): Promise<Delivery> {
    if (!(await this.outbox.claim(channel, userId, n))) return { state: 'sent', at: (await this.outbox.sentAt(channel, userId, n))?.at ?? '' };
    let delivery: Delivery;
    try {
      delivery = await this.post(channel, userId, text);
    } catch (err) {
      delivery = { state: 'failed', why: String(err) };
    }
    if (delivery.state !== 'sent') await this.outbox.release(channel, userId, n);
    return delivery;
  }

  async answer(handoff: HandoffView, by: string, text: string): Promise<AnswerDelivery> {
    const entry = await this.book.addEntry(handoff.id, 'answer', by, text);
    const message = await this.outbox.push(handoff.channel, handoff.userId, this.text(handoff.language, 'answer', { text }), handoff.id, entry.n);
    const delivery = await this.sendOnce(handoff.channel, handoff.userId, message.n, message.text);
    await this.book.setDelivery(handoff.id, entry.n, message.n, delivery);
    return { entry, delivery };
  }

  note(handoff: HandoffView, by: string, text: string): Promise<StaffEntry> {
    return this.book.addEntry(handoff.id, 'note', by, text);
  }

  /** Closes and tells the citizen; false when it was closed already. */
  async close(handoff: HandoffView, outcome: Outcome, by: string): Promise<{ closed: boolean; delivery?: Delivery }> {
    if (!(await this.book.close(handoff.id, outcome, by))) return { closed: false };
    const message = await this.outbox.push(handoff.channel, handoff.userId, this.text(handoff.language, 'closed'), handoff.id);
    return { closed: true, delivery: await this.sendOnce(handoff.channel, handoff.userId, message.n, message.text) };
  }

  async conversation(handoff: HandoffView): Promise<Conversation> {
    const [said, entries] = await Promise.all([this.book.citizenTurns(handoff.id), this.book.entries(handoff.id)]);
    const staff = await Promise.all(
      entries.map(async (e) => {
        const delivery = e.kind === 'answer' ? await this.deliveryOf(handoff, e.n) : undefined;
        return { at: e.at, from: 'agent' as const, text: e.text, n: e.n, kind: e.kind, by: e.by, ...(delivery ? { delivery } : {}) };
      }),
    );
    const turns = [...handoff.transcript, ...said, ...staff].sort((a, b) => a.at.localeCompare(b.at));
    return { handoff, turns };
  }

  /** An answer's delivery as recorded, or "sent" once the citizen's page or next message took it. */
  private async deliveryOf(handoff: HandoffView, entry: number): Promise<Delivery | undefined> {
    const kept = await this.book.delivery(handoff.id, entry);
    if (!kept) return undefined;
    if (kept.delivery.state === 'sent') return kept.delivery;
    const sent = await this.outbox.sentAt(handoff.channel, handoff.userId, kept.outboxN);
    return sent ? { state: 'sent', at: sent.at } : kept.delivery;
  }
}
