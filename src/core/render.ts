import type { Language } from '../nlu/language.js';
import type { Understanding } from '../nlu/understand.js';
import type { Content, UiKey } from './locale.js';
import type { Button, Reply } from './message.js';

export const MAX_BUTTONS = 4;

export interface ServiceNames {
  nameOf(serviceId: string, language: Language): string | undefined;
}

/** Turns an intent into the words and buttons a person sees, in their language. */
export class Renderer {
  constructor(
    private readonly content: Content,
    private readonly services: ServiceNames,
  ) {}

  button(intent: string, language: Language): Button {
    const label = this.content.locales[language].buttons[intent] ?? intent;
    return { label, payload: `q:${intent}` };
  }

  private nextButtons(intent: string, language: Language, extra: Button[] = []): Button[] {
    const next = (this.content.plans[intent]?.next ?? this.content.plans.fallback!.next).filter((n) => n !== intent);
    return [...extra, ...next.map((n) => this.button(n, language))].slice(0, MAX_BUTTONS);
  }

  private sourceLine(intent: string, language: Language): string {
    const locale = this.content.locales[language];
    const names = (this.content.plans[intent]?.sources ?? []).map((s) => locale.sources[s]!);
    return names.length > 0 ? `${locale.sources.label}: ${names.join('; ')}.` : '';
  }

  answer(intent: string, language: Language, understanding?: Understanding): Reply {
    const locale = this.content.locales[language];
    const answer = locale.answers[intent] ?? locale.answers.fallback!;
    const parts: string[] = [];
    const service = understanding?.entities.service;
    if (service && answer.service) {
      const name = this.services.nameOf(service, language);
      if (name) parts.push(answer.service.replace('{service}', name));
    }
    parts.push(answer.text);
    const source = this.sourceLine(intent, language);
    if (source) parts.push(source);
    const more = answer.more ? [{ label: locale.buttons.more ?? 'More', payload: `more:${intent}` }] : [];
    return { intent, language, text: parts.join('\n\n'), buttons: this.nextButtons(intent, language, more), source };
  }

  /** The second page of a long answer. */
  more(intent: string, language: Language): Reply {
    const answer = this.content.locales[language].answers[intent];
    if (!answer?.more) return this.answer(intent, language);
    const source = this.sourceLine(intent, language);
    return { intent, language, text: [answer.more, source].filter(Boolean).join('\n\n'), buttons: this.nextButtons(intent, language), source };
  }

  /** A notice of the interface (empty message, sticker...) with the menu. */
  notice(key: UiKey, language: Language, intent = 'help'): Reply {
    return { intent, language, text: this.content.locales[language].ui[key], buttons: this.nextButtons('help', language), source: '' };
  }

  /** Puts a notice above an answer (a truncated message, a campaign greeting). */
  withNotice(key: UiKey, reply: Reply): Reply {
    return { ...reply, text: `${this.content.locales[reply.language].ui[key]}\n\n${reply.text}` };
  }
}
