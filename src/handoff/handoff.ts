import type { ChannelName } from '../core/message.js';
import type { Language } from '../nlu/language.js';

/** One line of a conversation as staff read it. */
export interface Turn {
  at: string;
  from: 'citizen' | 'assistant' | 'agent';
  text: string;
}

/** How a handed-over conversation ended (kết quả). */
export const OUTCOMES = ['answered', 'referred', 'not_our_matter'] as const;
export type Outcome = (typeof OUTCOMES)[number] | 'cancelled';

/** A conversation handed to staff (yêu cầu gặp cán bộ): what never changes once asked. */
export interface Handoff {
  id: string;
  channel: ChannelName;
  userId: string;
  /** the citizen's locality (from their campaign), or "toàn tỉnh" */
  locality: string;
  language: Language;
  createdAt: string;
  /** the turns kept for this citizen when they asked (at most the last 20, of the last 24 hours) */
  transcript: Turn[];
}

export interface Claim {
  by: string;
  at: string;
}

export interface Closing {
  outcome: Outcome;
  by: string;
  at: string;
}

/**
 * What became of an answer on its way to the citizen. `why` is a code the console words:
 * web_page (the citizen's page takes it), zalo_window (outside Zalo's consultation window),
 * not_configured, blocked, error.
 */
export type Delivery = { state: 'sent'; at: string } | { state: 'waiting' | 'failed'; why: string; detail?: string };

/** An agent's answer (sent to the citizen) or internal note (never sent). */
export interface StaffEntry {
  n: number;
  kind: 'answer' | 'note';
  by: string;
  at: string;
  text: string;
}

export type HandoffState = 'waiting' | 'claimed' | 'closed';
