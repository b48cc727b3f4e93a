import { factsOf, type KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Language } from '../nlu/language.js';
import type { Understander, Understanding } from '../nlu/understand.js';
import { KeyedQueue } from '../util/keyed-queue.js';
import type { Logger } from './logger.js';
import type { IncomingMessage, Reply } from './message.js';
import type { Renderer } from './render.js';
import { previousIntentOf, type Session, type Sessions } from './session.js';

/** Longer messages are cut to this many characters before they are read. */
export const MAX_MESSAGE_CHARS = 1000;

/** Intents that are no topic of their own: a follow-up after them has nothing to follow. */
const SMALL_TALK = new Set(['greeting', 'help', 'thanks', 'fallback']);

export interface AssistantParts {
  understander: Understander;
  knowledge: KnowledgeBase;
  renderer: Renderer;
  sessions: Sessions;
  clock: () => Date;
  log: Logger;
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

  constructor(private readonly parts: AssistantParts) {}

  handle(message: IncomingMessage): Promise<Reply> {
    return this.queue.run(`${message.channel}:${message.userId}`, () => this.process(message));
  }

  /** Waits for the messages being answered (graceful shutdown). */
  drain(): Promise<void> {
    return this.queue.drain();
  }

  private async process(message: IncomingMessage): Promise<Reply> {
    const { sessions, renderer } = this.parts;
    const session = await sessions.load(message.channel, message.userId);
    const reply = await this.decide(message, session);
    const next: Session = { ...session, language: reply.language };
    if (!SMALL_TALK.has(reply.intent) && !reply.intent.startsWith('ui.')) {
      next.lastIntent = reply.intent;
      next.lastIntentAt = this.parts.clock().getTime();
    }
    await sessions.save(message.channel, message.userId, next);
    void renderer;
    return reply;
  }

  private async decide(message: IncomingMessage, session: Session): Promise<Reply> {
    const { renderer } = this.parts;
    const language = session.language ?? languageOf(message.languageHint) ?? 'vi';

    if (message.button) return this.pressButton(message.button, language, session);
    if (message.text === undefined) return renderer.notice('not_text', language, 'ui.not_text');

    const text = cleanText(message.text);
    if (text.startsWith('/')) return this.command(text, language);
    if (!/[\p{L}\p{N}]/u.test(text)) return renderer.notice('empty', language, 'ui.empty');

    const tooLong = text.length > MAX_MESSAGE_CHARS;
    const reply = await this.answerText(tooLong ? text.slice(0, MAX_MESSAGE_CHARS) : text, language, session);
    return tooLong ? renderer.withNotice('too_long', reply) : reply;
  }

  private async answerText(text: string, sessionLanguage: Language, session: Session): Promise<Reply> {
    const { understander, knowledge, renderer, clock } = this.parts;
    const understanding: Understanding = understander.understand(text);
    const language = understanding.language ?? sessionLanguage;
    const previousIntent = previousIntentOf(session, clock().getTime());
    const found = await knowledge.classify(factsOf(understanding, previousIntent ? { previousIntent } : {}));
    let intent = found?.intent ?? 'fallback';
    if (intent === '@previous') intent = previousIntent ?? 'fallback';
    return renderer.answer(intent, language, understanding);
  }

  private pressButton(payload: string, language: Language, session: Session): Reply {
    const { renderer } = this.parts;
    const [kind, value = ''] = payload.split(/:(.*)/s, 2) as [string, string?];
    if (kind === 'q' && this.knows(value)) return renderer.answer(value, language);
    if (kind === 'more' && this.knows(value)) return renderer.more(value, language);
    if (kind === 'lang' && (value === 'vi' || value === 'en')) return renderer.notice('language_switched', value, 'ui.language');
    void session;
    return renderer.answer('fallback', language);
  }

  private knows(intent: string): boolean {
    return this.parts.knowledge.intents.has(intent) || intent === 'fallback';
  }

  private command(text: string, language: Language): Reply {
    const { renderer } = this.parts;
    const [name = '', ...args] = text.slice(1).split(/\s+/);
    switch (name.toLowerCase().replace(/@.*$/, '')) {
      case 'start':
        return { ...renderer.answer('greeting', language), text: renderer.notice('start', language).text };
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
