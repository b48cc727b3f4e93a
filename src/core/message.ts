import type { Language } from '../nlu/language.js';

export type ChannelName = 'telegram' | 'zalo' | 'zalo-bot' | 'web' | 'console';

/** One message from a person, as every channel adapter hands it to the core. */
export interface IncomingMessage {
  channel: ChannelName;
  /** the person, as the platform identifies them */
  userId: string;
  /** typed text; absent for stickers, photos and the like */
  text?: string;
  /** the payload of a pressed button */
  button?: string;
  /** what the platform delivered when it is not text ('sticker', 'image', ...) */
  attachment?: string;
  /** the user's language as the platform reports it (Telegram's language_code) */
  languageHint?: string;
  /** false when the message comes from a group chat: officers' answers are never posted there */
  privateChat?: boolean;
}

/** A button: what the person sees, and what comes back when it is pressed (at most 64 bytes). */
export interface Button {
  label: string;
  payload: string;
}

export interface Reply {
  intent: string;
  language: Language;
  /** the answer, ready to show, with its source line at the end */
  text: string;
  buttons: Button[];
  /** the sources named in the answer, empty for small talk */
  source: string;
  /** nothing should be sent (a person over the rate limit who was already told) */
  silent?: boolean;
  /** how sure the assistant is of the topic (0 to 1), for answers, clarifications and fallbacks */
  confidence?: number;
  /** the topics offered when the assistant asks "Ý bạn là…?" (intent 'clarify') */
  candidates?: string[];
  /** the facet of the current topic this reply answers ("mất bao lâu" → time) */
  facet?: string;
  /** 👍 / 👎 under an answer (payloads fb:up and fb:down): channels show them apart from the next questions */
  feedback?: Button[];
}
