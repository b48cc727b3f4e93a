import { request } from 'undici';
import { splitText } from '../split-text.js';

/** Where a Zalo bot's API is and the bot's token. */
export interface ZaloBotAccess {
  token: string;
  apiBase: string;
}

export interface ZaloBotAnswer<T = unknown> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
}

/** The bot's access from ZALO_BOT_TOKEN and ZALO_BOT_API_BASE (the public API unless a test points elsewhere); undefined without a token. */
export function zaloBotAccessFromEnv(env: Record<string, string | undefined>): ZaloBotAccess | undefined {
  return env.ZALO_BOT_TOKEN ? { token: env.ZALO_BOT_TOKEN, apiBase: env.ZALO_BOT_API_BASE || 'https://bot-api.zaloplatforms.com' } : undefined;
}

/** A longer text is sent in parts of at most this many characters. */
export const ZALO_BOT_TEXT_LIMIT = 2000;

/** One method of the Zalo Bot Platform (Telegram-like: POST /bot<token>/<method>); a 408 of a long poll is "nothing yet". */
export async function zaloBotCall<T>(access: ZaloBotAccess, method: string, body: unknown, timeoutMs = 15_000): Promise<ZaloBotAnswer<T>> {
  const res = await request(`${access.apiBase}/bot${access.token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  if (res.statusCode === 408) {
    await res.body.dump();
    return { ok: false, error_code: 408 };
  }
  return (await res.body.json()) as ZaloBotAnswer<T>;
}

/** A text to a chat, in parts; stops at the first part refused and says why (a failed request counts as refused). */
export async function zaloBotSendText(access: ZaloBotAccess, chatId: string, text: string): Promise<ZaloBotAnswer> {
  for (const part of splitText(text, ZALO_BOT_TEXT_LIMIT)) {
    const answer = await zaloBotCall(access, 'sendMessage', { chat_id: chatId, text: part }).catch((err: unknown): ZaloBotAnswer => ({ ok: false, description: String(err) }));
    if (!answer.ok) return answer;
  }
  return { ok: true };
}
