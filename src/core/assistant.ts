import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { TopicFinder } from '../knowledge/topic-finder.js';
import type { Language } from '../nlu/language.js';
import type { Understander, Understanding } from '../nlu/understand.js';
import { redactQuestion } from '../campaigns/campaign-stats.js';
import type { ReviewList } from '../review/review-list.js';
import { CitizenAnswers } from './citizen-answers.js';
import { KeyedQueue } from '../util/keyed-queue.js';
import { PUSH_CHANNELS, type Subscriptions } from '../broadcasts/subscriptions.js';
import type { CampaignStats } from '../campaigns/campaign-stats.js';
import type { OfficerDesk } from '../officers/desk.js';
import type { Officer, OfficerRegistry } from '../officers/registry.js';
import { turnsOf, withTurns, type HandoffTalk } from '../handoff/handoff-talk.js';
import type { Logger } from './logger.js';
import type { IncomingMessage, Reply } from './message.js';
import type { Renderer } from './render.js';
import { previousIntentOf, type Session, type Sessions } from './session.js';

/** Longer messages are cut to this many characters before they are read. */
export const MAX_MESSAGE_CHARS = 1000;
/** Messages a person may send a minute; the next one is told to wait, later ones get no answer. */
export const MESSAGES_PER_MINUTE = 20;

/** Intents that are no topic of their own: a follow-up after them has nothing to follow. */
const SMALL_TALK = new Set(['greeting', 'help', 'thanks', 'fallback', 'clarify', 'handoff.request', 'feedback.negative']);

/**
 * The language of the reply: the person's language stays unless the message clearly says otherwise
 * (Vietnamese marks, or an English sentence of three words or more). "ok", "tks", "hi ad" change nothing.
 */
export function replyLanguage(current: Language | undefined, u: Understanding): Language | undefined {
  if (!u.language || !current || u.language === current) return u.language ?? current;
  if (u.language === 'vi') return 'vi';
  return u.words.length >= 3 ? u.language : current;
}

export interface AssistantParts {
  understander: Understander;
  knowledge: KnowledgeBase;
  topics: TopicFinder;
  review: ReviewList;
  renderer: Renderer;
  sessions: Sessions;
  clock: () => Date;
  log: Logger;
  officers: OfficerRegistry;
  desk: OfficerDesk;
  campaigns: CampaignStats;
  subscriptions: Subscriptions;
  /** the officer strings of each language, for /officer replies */
  officerText: (language: Language, key: string, values?: Record<string, string>) => string;
  /** "Ask a person": offers, requests, quiet while staff hold the conversation; off when not given */
  handoff?: HandoffTalk;
}

/** Control characters (null bytes and the like) are dropped; line breaks and tabs become spaces. */
function cleanText(text: string): string {
  return text.replace(/[\t\n\r]+/g, ' ').replace(/\p{Cc}|\p{Cf}/gu, '').trim();
}

function languageOf(hint: string | undefined): Language | undefined {
  if (!hint) return undefined;
  const code = hint.toLowerCase();
  if (code.startsWith('vi')) return 'vi';
  if (code.startsWith('en')) return 'en';
  return undefined;
}

/**
 * The one path every message takes: understand, decide, render. Channels call
 * `handle`; it never throws for anything a person can send.
 */
export class Assistant {
  private readonly queue = new KeyedQueue();
  private readonly citizens: CitizenAnswers;

  constructor(private readonly parts: AssistantParts) {
    this.citizens = new CitizenAnswers(parts.topics, parts.renderer, parts.review, parts.log);
  }

  handle(message: IncomingMessage): Promise<Reply> {
    return this.queue.run(`${message.channel}:${message.userId}`, async () => {
      try {
        return await this.process(message);
      } catch (err) {
        // a broken store or a bug: a polite answer, never an exception to the channel
        this.parts.log.error({ err: String(err), channel: message.channel }, 'message failed');
        return this.parts.renderer.notice('error', 'vi', 'ui.error');
      }
    });
  }

  /** Counts the person's messages this minute (atomic, shared by instances). */
  private async overLimit(message: IncomingMessage): Promise<'ok' | 'tell' | 'silent'> {
    const minute = Math.floor(this.parts.clock().getTime() / 60_000);
    const count = await this.parts.sessions.store.increment('rate', `msg:${message.channel}:${message.userId}:${minute}`, 1, 120_000);
    if (count <= MESSAGES_PER_MINUTE) return 'ok';
    return count === MESSAGES_PER_MINUTE + 1 ? 'tell' : 'silent';
  }

  /** Forgets what the assistant remembers of a person between messages (the web chat's "clear" button). */
  async forget(channel: IncomingMessage['channel'], userId: string): Promise<void> {
    await this.parts.sessions.store.delete('session', `${channel}:${userId}`);
  }

  /** What staff sent a person who cannot be sent to (the web chat's page asks), and whether their request is open. */
  async handoffUpdates(channel: IncomingMessage['channel'], userId: string): Promise<{ messages: string[]; open: boolean; state?: string }> {
    return this.parts.handoff ? this.parts.handoff.updates(channel, userId) : { messages: [], open: false };
  }

  /** Waits for the messages being answered (graceful shutdown). */
  drain(): Promise<void> {
    return this.queue.drain();
  }

  private async process(message: IncomingMessage): Promise<Reply> {
    const { sessions } = this.parts;
    const session = await sessions.load(message.channel, message.userId);
    const limit = await this.overLimit(message);
    if (limit !== 'ok') {
      const reply = this.parts.renderer.notice('rate_limited', session.language ?? 'vi', 'ui.rate_limited');
      return limit === 'silent' ? { ...reply, silent: true } : reply;
    }
    // The web chat's visitor is an anonymous cookie: no officer identity rides on it (Telegram and Zalo vouch for their users).
    // ...and none in a group chat, where a task list would be read by everyone in the group.
    const now = this.parts.clock();
    const talk = this.parts.handoff;
    const caught = talk ? await talk.intercept(message, session, session.language ?? languageOf(message.languageHint) ?? 'vi') : { carried: [] };
    if ('held' in caught) {
      await sessions.save(message.channel, message.userId, { ...session, turns: withTurns(session, now, ...turnsOf(message, caught.held, now)) });
      return caught.held;
    }
    const officer = message.channel === 'web' || message.privateChat === false ? undefined : await this.parts.officers.officerOf(`${message.channel}:${message.userId}`);
    const decided = await this.decide(message, session, officer);
    const after = talk ? await talk.afterReply(message, session, decided, caught.carried) : { reply: decided, misses: 0, offered: false };
    const reply = after.reply;
    const next: Session = { ...session, language: reply.language, misses: after.misses, turns: withTurns(session, now, ...turnsOf(message, reply, now, this.pressed(message.button, reply.language))) };
    if (after.offered) next.offeredAt = now.getTime();
    if (!SMALL_TALK.has(reply.intent) && !reply.intent.startsWith('ui.') && !reply.intent.startsWith('officer.')) {
      // a facet reply keeps the topic it was a facet of
      const facetOf = reply.facet ? session.lastIntent : undefined;
      next.lastIntent = facetOf ?? reply.intent;
      next.lastIntentAt = this.parts.clock().getTime();
    }
    if (message.text && !message.text.startsWith('/') && reply.intent !== 'feedback.negative') {
      next.lastQuestion = redactQuestion(message.text);
      next.lastCandidates = reply.candidates ?? [];
    }
    await sessions.save(message.channel, message.userId, next);
    await this.count(message, reply);
    return reply;
  }

  /** Campaign figures: a failure here is logged and never costs the person their answer. */
  private async count(message: IncomingMessage, reply: Reply): Promise<void> {
    const start = /^\/start(?:@\S+)?\s+(\S+)/i.exec(message.text?.trim() ?? '');
    try {
      await this.parts.campaigns.record(message, reply, start?.[1]);
    } catch (err) {
      this.parts.log.error({ err: String(err) }, 'campaign figures not recorded');
    }
  }

  private async decide(message: IncomingMessage, session: Session, officer: Officer | undefined): Promise<Reply> {
    const { renderer } = this.parts;
    const language = session.language ?? languageOf(message.languageHint) ?? 'vi';

    if (message.button === 'sub') return this.subscribe(message, language, null);
    if (message.button === 'fb:down') return this.citizens.negative(session, language);
    if (message.button === 'fb:up') return this.parts.renderer.notice('feedback_thanks', language, 'ui.feedback');
    if (message.button) return this.pressButton(message.button, language, officer);
    if (message.text === undefined) return renderer.notice('not_text', language, 'ui.not_text');

    const text = cleanText(message.text);
    if (/^\/(?:subscribe|unsubscribe)\b/i.test(text)) {
      const [name = '', ...rest] = text.slice(1).split(/\s+/);
      return name.toLowerCase() === 'subscribe' ? this.subscribe(message, language, rest.join(' ') || null) : this.unsubscribe(message, language);
    }
    if (text.startsWith('/')) return this.command(text, language, `${message.channel}:${message.userId}`, message.privateChat !== false);
    if (!/[\p{L}\p{N}]/u.test(text)) return renderer.notice('empty', language, 'ui.empty');

    const tooLong = text.length > MAX_MESSAGE_CHARS;
    const reply = await this.answerText(tooLong ? text.slice(0, MAX_MESSAGE_CHARS) : text, language, session, officer);
    return tooLong ? renderer.withNotice('too_long', reply) : reply;
  }

  private async answerText(text: string, sessionLanguage: Language, session: Session, officer: Officer | undefined): Promise<Reply> {
    const { understander, clock, desk } = this.parts;
    const understanding: Understanding = understander.understand(text);
    const language = replyLanguage(session.language, understanding) ?? sessionLanguage;
    const previousIntent = previousIntentOf(session, clock().getTime());
    const reply = await this.citizens.answer(understanding, language, session, previousIntent, officer !== undefined);
    if (officer && reply.intent.startsWith('officer.')) return desk.answer(reply.intent, understanding, officer, language);
    return reply;
  }

  private async pressButton(payload: string, language: Language, officer: Officer | undefined): Promise<Reply> {
    const { renderer, desk } = this.parts;
    const [kind, value = ''] = payload.split(/:(.*)/s, 2) as [string, string?];
    if (kind === 'q' && this.knows(value)) return renderer.answer(value, language);
    if (kind === 'more' && this.knows(value)) return renderer.more(value, language);
    if (kind === 'lang' && (value === 'vi' || value === 'en')) return renderer.notice('language_switched', value, 'ui.language');
    // Officer buttons do nothing for anyone else: a citizen who forges one gets the fallback.
    const officerReply = officer ? await desk.press(payload, officer, language) : undefined;
    return officerReply ?? renderer.answer('fallback', language);
  }

  /** What the person saw on the button they pressed, for the transcript staff read. */
  private pressed(payload: string | undefined, language: Language): string | undefined {
    if (payload?.startsWith('q:')) return this.parts.renderer.button(payload.slice(2), language).label;
    return this.parts.renderer.feedback(language).find((b) => b.payload === payload)?.label;
  }

  private knows(intent: string): boolean {
    return this.parts.knowledge.intents.has(intent) || intent === 'fallback';
  }

  /** News by locality (nhận tin): only channels that can send unasked take subscribers. */
  private async subscribe(message: IncomingMessage, language: Language, locality: string | null): Promise<Reply> {
    const { renderer, subscriptions } = this.parts;
    if (!PUSH_CHANNELS.has(message.channel)) return renderer.notice('subscribed_web', language, 'ui.subscribe');
    await subscriptions.subscribe(message.channel, message.userId, locality?.slice(0, 80) ?? null);
    const reply = renderer.notice('subscribed', language, 'ui.subscribe');
    return { ...reply, text: reply.text.replace('{where}', () => (locality ? ` (${locality.slice(0, 80)})` : '')) };
  }

  private async unsubscribe(message: IncomingMessage, language: Language): Promise<Reply> {
    const removed = await this.parts.subscriptions.unsubscribe(message.channel, message.userId);
    return this.parts.renderer.notice(removed ? 'unsubscribed' : 'not_subscribed', language, 'ui.subscribe');
  }

  private async becomeOfficer(user: string, code: string | undefined, language: Language): Promise<Reply> {
    const { officers, officerText, renderer } = this.parts;
    const menu = renderer.answer('help', language).buttons;
    if (!code) return { intent: 'officer.invite', language, text: officerText(language, 'usage'), buttons: menu, source: '' };
    const result = await officers.redeem(user, code);
    if (!result.ok) {
      this.parts.log.warn({ reason: result.reason }, 'officer code refused');
      return { intent: 'officer.invite', language, text: officerText(language, result.reason === 'too_many_attempts' ? 'too_many' : 'bad_code'), buttons: menu, source: '' };
    }
    const { unit, locality } = result.officer;
    this.parts.log.info({ unit, locality }, 'officer registered');
    return {
      intent: 'officer.invite',
      language,
      text: officerText(language, 'became', { unit, locality }),
      buttons: [
        { label: officerText(language, 'button.list'), payload: 'ol:open:1' },
        { label: officerText(language, 'button.overdue'), payload: 'ol:overdue:1' },
        { label: officerText(language, 'button.soon'), payload: 'ol:soon-30:1' },
      ],
      source: '',
    };
  }

  private async command(text: string, language: Language, user: string, privateChat: boolean): Promise<Reply> {
    const { renderer } = this.parts;
    const [name = '', ...args] = text.slice(1).split(/\s+/);
    switch (name.toLowerCase().replace(/@.*$/, '')) {
      case 'officer':
        if (user.startsWith('web:') || !privateChat) {
          const why = privateChat ? 'web_refused' : 'group_refused';
          return { intent: 'officer.invite', language, text: this.parts.officerText(language, why), buttons: renderer.answer('help', language).buttons, source: '' };
        }
        return this.becomeOfficer(user, args[0], language);
      case 'start': {
        const greeting = renderer.answer('greeting', language);
        // news by message only where the platform can send unasked: no dead-end button in the web chat
        const canPush = !user.startsWith('web:') && !user.startsWith('console:');
        const buttons = canPush ? [...greeting.buttons.slice(0, 3), { label: renderer.button('subscribe', language).label, payload: 'sub' }] : greeting.buttons;
        return { ...greeting, text: renderer.notice('start', language).text, buttons };
      }
      case 'help':
      case 'menu':
        return renderer.answer('help', language);
      case 'lang': {
        const wanted = args[0]?.toLowerCase();
        const to: Language = wanted === 'en' || wanted === 'vi' ? wanted : language === 'vi' ? 'en' : 'vi';
        return renderer.notice('language_switched', to, 'ui.language');
      }
      default:
        return renderer.answer('fallback', language);
    }
  }
}
