import type { IncomingMessage, Reply } from '../core/message.js';
import type { Session } from '../core/session.js';
import { foldedWords } from '../nlu/fold.js';
import type { Language } from '../nlu/language.js';
import type { HandoffBook } from './handoff-book.js';
import type { Turn } from './handoff.js';
import { openingText, WHOLE_PROVINCE, type OfficeHours } from './office-hours.js';
import type { Outbox } from './outbox.js';

export const ASK_PAYLOAD = 'ho:ask';
export const CANCEL_PAYLOAD = 'ho:cancel';
/** The turns kept for a citizen, for staff to read if they ask for a person. */
export const TRANSCRIPT_TURNS = 20;
export const TRANSCRIPT_MS = 24 * 3_600_000;
/** Misses in a row (no answer, 👎, a clarification that did not help) after which a person is offered. */
export const MISSES_BEFORE_OFFER = 2;

const CANCEL_WORDS = new Set(['huy', 'huy yeu cau', 'huy bo', 'cancel', 'stop waiting']);
/** Typed where the platform has no buttons (Zalo Bot): the same as pressing "Gửi câu hỏi cho cán bộ". */
const ASK_WORDS = new Set(['gui can bo', 'gui cho can bo', 'gui cau hoi cho can bo', 'send to staff']);
const MISS_INTENTS = new Set(['fallback', 'feedback.negative']);

export interface HandoffTalkParts {
  book: HandoffBook;
  outbox: Outbox;
  hours: OfficeHours;
  clock: () => Date;
  /** the citizen's locality (their campaign's), undefined when unknown */
  localityOf: (channel: IncomingMessage['channel'], userId: string) => Promise<string | undefined>;
  /** the handoff strings of locales/<language>.json */
  text: (language: Language, key: string, values?: Record<string, string>) => string;
}

/**
 * What a turn keeps: the citizen's words nearly whole, the assistant's answer only its beginning (staff see which
 * answer it was). Every session carries its turns for a day, so they are kept small (a few kB a person).
 */
const CITIZEN_TURN_CHARS = 500;
const ASSISTANT_TURN_CHARS = 200;
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** The turns one message and its reply add to the transcript. */
export function turnsOf(message: IncomingMessage, reply: Reply, now: Date, buttonLabel?: string): Turn[] {
  const at = now.toISOString();
  const said = message.text !== undefined ? cut(message.text, CITIZEN_TURN_CHARS) : message.button ? `[${buttonLabel ?? message.button}]` : `[${message.attachment ?? 'other'}]`;
  const turns: Turn[] = [{ at, from: 'citizen', text: said }];
  if (!reply.silent && reply.text) turns.push({ at, from: 'assistant', text: cut(reply.text, ASSISTANT_TURN_CHARS) });
  return turns;
}

/** A turn for the transcript: the citizen's words in full (only the claiming agent reads them), the assistant's cut short. */
export function withTurns(session: Session, now: Date, ...turns: Turn[]): Turn[] {
  const since = now.getTime() - TRANSCRIPT_MS;
  return [...(session.turns ?? []), ...turns].filter((t) => Date.parse(t.at) >= since).slice(-TRANSCRIPT_TURNS);
}

/**
 * The citizen's side of "Ask a person" (hỏi cán bộ): offers a person when asked or after misses,
 * files the request in their locality's queue, keeps the assistant quiet while staff hold the
 * conversation (one short notice), lets the citizen cancel ("hủy"), and hands over what staff sent
 * that has not reached them yet.
 */
export class HandoffTalk {
  constructor(private readonly parts: HandoffTalkParts) {}

  private async where(message: IncomingMessage): Promise<string> {
    return (await this.parts.localityOf(message.channel, message.userId)) ?? WHOLE_PROVINCE;
  }

  /** "thường có trả lời trong khoảng 30 phút" or "ngoài giờ làm việc: cán bộ trả lời từ 07:30 thứ Hai 07/12". */
  private async wait(locality: string, language: Language): Promise<string> {
    const opening = this.parts.hours.at(locality, this.parts.clock());
    if (opening.open) return this.parts.text(language, 'wait_open', { minutes: String(opening.answerWithinMinutes) });
    return this.parts.text(language, 'wait_closed', { next: opening.next ? openingText(opening.next, language) : this.parts.text(language, 'no_hours') });
  }

  /**
   * A message while a request is open, a request, or a cancel: the reply; undefined when the
   * assistant answers as usual. Messages staff sent that have not reached the citizen come first.
   */
  async intercept(message: IncomingMessage, session: Session, language: Language): Promise<{ held: Reply } | { carried: string[] }> {
    const { book, text } = this.parts;
    if (message.channel === 'zalo') await book.noteSeen(message.channel, message.userId);
    const said = foldedWords(message.text ?? '').join(' ');
    const pending = await this.parts.outbox.take(message.channel, message.userId);
    const open = await book.activeFor(message.channel, message.userId);
    const prefix = pending.map((m) => m.text);
    const reply = (key: string, values: Record<string, string> = {}, buttons = true, intent = 'handoff'): Reply => ({
      intent,
      language,
      text: [...prefix, text(language, key, values)].join('\n\n'),
      buttons: buttons ? [{ label: text(language, 'cancel_button'), payload: CANCEL_PAYLOAD }] : [],
      source: '',
    });

    if (message.button === ASK_PAYLOAD || (ASK_WORDS.has(said) && session.offeredAt !== undefined)) {
      if (open) return { held: reply('already') };
      // a group chat would show staff's answer to everyone in it
      if (message.privateChat === false) return { held: reply('group_refused', {}, false, 'handoff.refused') };
      const locality = await this.where(message);
      const { handoff } = await book.request({ channel: message.channel, userId: message.userId, locality, language, transcript: session.turns ?? [] });
      return { held: reply('sent', { locality: handoff.locality, wait: await this.wait(handoff.locality, language) }, true, 'handoff.sent') };
    }
    if (message.button === CANCEL_PAYLOAD || (open && CANCEL_WORDS.has(said))) {
      if (!open) return { held: reply('nothing_to_cancel', {}, false, 'handoff.cancelled') };
      await book.close(open.id, 'cancelled', 'citizen');
      return { held: reply('cancelled', {}, false, 'handoff.cancelled') };
    }
    if (open) {
      // quiet: staff read this, the assistant says nothing more than one short notice per state
      if (message.text || message.button) await book.addCitizenTurn(open.id, message.text ?? `[${message.button}]`);
      if (await book.firstNotice(open.id, open.state)) return { held: reply(open.state === 'claimed' ? 'claimed_notice' : 'waiting_notice', {}, true, 'handoff.quiet') };
      if (prefix.length > 0) return { held: { intent: 'handoff.quiet', language, text: prefix.join('\n\n'), buttons: [], source: '' } };
      return { held: { intent: 'handoff.quiet', language, text: '', buttons: [], source: '', silent: true } };
    }
    return { carried: prefix };
  }

  /**
   * After the assistant's own reply: offers a person when asked for one or after misses in a row;
   * puts first what staff sent that had not reached the citizen. Returns the reply and the misses so far.
   */
  async afterReply(message: IncomingMessage, session: Session, reply: Reply, carried: string[]): Promise<{ reply: Reply; misses: number; offered: boolean }> {
    const misses = MISS_INTENTS.has(reply.intent) ? (session.misses ?? 0) + 1 : reply.intent === 'clarify' ? Math.max(1, session.misses ?? 0) : 0;
    const ask = message.privateChat !== false && (reply.intent === 'handoff.request' || misses >= MISSES_BEFORE_OFFER);
    let out = carried.length > 0 ? { ...reply, text: [...carried, reply.text].join('\n\n') } : reply;
    if (ask && !reply.silent) {
      const language = reply.language;
      const button = { label: this.parts.text(language, 'offer_button'), payload: ASK_PAYLOAD };
      const offer = this.parts.text(language, 'offer', { wait: await this.wait(await this.where(message), language) });
      out = { ...out, text: `${out.text}\n\n${offer}`, buttons: [button, ...out.buttons].slice(0, 4) };
    }
    return { reply: out, misses, offered: ask };
  }

  /** For a page that cannot be sent to (the web chat): what staff sent since, and whether the request is still open. */
  async updates(channel: IncomingMessage['channel'], userId: string): Promise<{ messages: string[]; open: boolean; state?: string }> {
    const [messages, open] = await Promise.all([this.parts.outbox.take(channel, userId), this.parts.book.activeFor(channel, userId)]);
    return { messages: messages.map((m) => m.text), open: open !== undefined, ...(open ? { state: open.state } : {}) };
  }
}
