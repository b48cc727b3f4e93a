import { setTimeout as sleep } from 'node:timers/promises';
import { sendersFromEnv } from '../broadcasts/senders-from-env.js';
import type { Sender } from '../broadcasts/senders.js';
import type { HandoffBook } from '../handoff/handoff-book.js';
import type { Delivery } from '../handoff/handoff.js';
import type { CitizenPoster } from '../handoff/staff-desk.js';
import type { Store } from '../storage/store.js';
import { zaloBotAccessFromEnv, zaloBotSendText, type ZaloBotAccess } from './zalo/zalo-bot-api.js';

/**
 * Zalo OA: a consultation message (tin tư vấn) is free only within this many hours of the citizen's
 * last message (zalo.md: free within 48 hours, allowed within 7 days; the free cap has changed over
 * time). Outside it the answer waits for the citizen's next message rather than cost or fail.
 */
export const ZALO_CONSULT_WINDOW_HOURS = 48;
/** A send the platform asks to retry is retried once, when the wait asked is this short. */
const MAX_RETRY_WAIT_MS = 5_000;

/** The Zalo Bot Platform's sendMessage (its chat id of a private chat is the user's id). */
function zaloBotSender(access: ZaloBotAccess): Sender {
  return {
    perSecond: 20,
    async send(userId, text) {
      const answer = await zaloBotSendText(access, userId, text);
      return answer.ok ? { kind: 'sent' } : { kind: 'failed', why: answer.description ?? `error ${answer.error_code ?? '?'}` };
    },
  };
}

/**
 * How an agent's answer reaches a citizen: Telegram and Zalo OA through the broadcast senders, the Zalo
 * Bot by sendMessage, the web chat not at all (its open page asks for it, or it is shown at the next visit).
 */
export function citizenPoster(env: Record<string, string | undefined>, store: Store, book: HandoffBook, clock: () => Date): CitizenPoster {
  let senders: Record<string, Sender | undefined> | undefined;
  const windowMs = Number(env.ZALO_CONSULT_WINDOW_HOURS || ZALO_CONSULT_WINDOW_HOURS) * 3_600_000;
  return async (channel, userId, text): Promise<Delivery> => {
    if (channel === 'web' || channel === 'console') return { state: 'waiting', why: 'web_page' };
    if (channel === 'zalo') {
      const seen = await book.lastSeen('zalo', userId);
      if (seen === undefined || clock().getTime() - seen > windowMs) {
        return { state: 'waiting', why: 'zalo_window', detail: seen === undefined ? '' : new Date(seen).toISOString() };
      }
    }
    const bot = zaloBotAccessFromEnv(env);
    senders ??= { ...sendersFromEnv(env as NodeJS.ProcessEnv, store), ...(bot ? { 'zalo-bot': zaloBotSender(bot) } : {}) };
    const sender = senders[channel];
    if (!sender) return { state: 'failed', why: 'not_configured', detail: channel };
    for (let attempt = 1; ; attempt++) {
      const result = await sender.send(userId, text).catch((err: unknown) => ({ kind: 'failed' as const, why: String(err) }));
      if (result.kind === 'sent') return { state: 'sent', at: clock().toISOString() };
      if (result.kind === 'retry' && attempt === 1 && result.afterMs <= MAX_RETRY_WAIT_MS) {
        await sleep(result.afterMs);
        continue;
      }
      if (result.kind === 'blocked') return { state: 'failed', why: 'blocked' };
      // Zalo refused it as outside its interaction window (-230, -232): it waits for the citizen's next message
      if (result.kind === 'skipped') return { state: 'waiting', why: 'zalo_window', detail: result.why };
      return { state: 'failed', why: 'error', detail: result.kind === 'failed' ? result.why : 'the platform is busy' };
    }
  };
}
