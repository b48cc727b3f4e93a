import type { Language } from '../nlu/language.js';
import type { Understanding } from '../nlu/understand.js';
import type { Content, Facet, UiKey } from './locale.js';
import type { Button, Reply } from './message.js';

export const MAX_BUTTONS = 4;

export interface ServiceNames {
  nameOf(serviceId: string, language: Language): string | undefined;
}

/** Intents that are conversation, not a topic: no source, no 👍/👎. */
const CONVERSATION = new Set(['greeting', 'help', 'thanks', 'fallback', 'clarify', 'handoff.request', 'feedback.negative']);

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

  /** "Nguồn: Nghị định 69/2024/NĐ-CP …; …." from the documents the answer cites (data/legal.json). */
  sourceLine(intent: string, language: Language): string {
    const titles = (this.content.plans[intent]?.cites ?? []).map((key) => this.content.legal.title(key, language));
    return titles.length > 0 ? `${this.content.locales[language].sources.label}: ${titles.join('; ')}.` : '';
  }

  /** "Hữu ích / Chưa đúng" (👍 / 👎). */
  feedback(language: Language): Button[] {
    const labels = this.content.locales[language].buttons;
    return [
      { label: labels['fb:up'] ?? '👍', payload: 'fb:up' },
      { label: labels['fb:down'] ?? '👎', payload: 'fb:down' },
    ];
  }

  hasAnswer(intent: string): boolean {
    return this.content.locales.vi.answers[intent] !== undefined;
  }

  /** A topic's answer; the lines of the facets the question asked for ("mất bao lâu") come first. */
  answer(intent: string, language: Language, understanding?: Understanding, asked: readonly Facet[] = []): Reply {
    const locale = this.content.locales[language];
    const answer = locale.answers[intent] ?? locale.answers.fallback!;
    const parts: string[] = [];
    // a facet line leads unless the answer already says it (its first five words are in the text)
    const says = (line: string) => answer.text.toLowerCase().includes(line.toLowerCase().split(/\s+/).slice(0, 5).join(' '));
    const leading = asked.map((facet) => answer.facets?.[facet]).filter((line): line is string => !!line && !says(line));
    if (leading.length > 0) parts.push(leading.slice(0, 2).join('\n'));
    const service = understanding?.entities.service;
    if (service && answer.service) {
      const name = this.services.nameOf(service, language);
      if (name) parts.push(answer.service.replace('{service}', () => name));
    }
    parts.push(answer.text);
    const source = this.sourceLine(intent, language);
    if (source) parts.push(source);
    const more = answer.more ? [{ label: locale.buttons.more ?? 'More', payload: `more:${intent}` }] : [];
    const reply: Reply = { intent, language, text: parts.join('\n\n'), buttons: this.nextButtons(intent, language, more), source };
    return CONVERSATION.has(intent) ? reply : { ...reply, feedback: this.feedback(language) };
  }

  /** One facet of a topic ("mất bao lâu" after level 2: the time only), or undefined when the topic has none. */
  facet(topic: string, facet: Facet, language: Language, intent: string): Reply | undefined {
    const text = this.content.locales[language].answers[topic]?.facets?.[facet];
    if (!text) return undefined;
    const source = this.sourceLine(topic, language);
    const buttons = [this.button(topic, language), ...this.nextButtons(topic, language)].slice(0, MAX_BUTTONS);
    return { intent, language, text: [text, source].filter(Boolean).join('\n\n'), buttons, source, facet, feedback: this.feedback(language) };
  }

  /** "Ý bạn là…?" with a button per candidate topic. */
  clarify(candidates: string[], language: Language): Reply {
    const locale = this.content.locales[language];
    const buttons = candidates.slice(0, 3).map((c) => this.button(c, language));
    return { intent: 'clarify', language, text: locale.answers.clarify!.text, buttons, source: '', candidates: candidates.slice(0, 3) };
  }

  /** The second page of a long answer. */
  more(intent: string, language: Language): Reply {
    const answer = this.content.locales[language].answers[intent];
    if (!answer?.more) return this.answer(intent, language);
    const source = this.sourceLine(intent, language);
    return { intent, language, text: [answer.more, source].filter(Boolean).join('\n\n'), buttons: this.nextButtons(intent, language), source, feedback: this.feedback(language) };
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
