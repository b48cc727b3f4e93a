import { ZaloOaClient } from '../channels/zalo/zalo-oa-client.js';
import { ZaloTokens } from '../channels/zalo/zalo-token.js';
import { silentLogger } from '../core/logger.js';
import type { Store } from '../storage/store.js';
import { TelegramSender, ZaloSender, type Sender } from './senders.js';

/** The senders the environment configures; a channel without one has its recipients skipped (and counted). */
export function sendersFromEnv(env: NodeJS.ProcessEnv, store: Store): Record<string, Sender | undefined> {
  const senders: Record<string, Sender | undefined> = {};
  if (env.TELEGRAM_BOT_TOKEN) senders.telegram = new TelegramSender(env.TELEGRAM_BOT_TOKEN, env.TELEGRAM_API_ROOT || undefined, Number(env.TELEGRAM_BROADCAST_PER_SECOND || 25));
  if (env.ZALO_APP_ID && env.ZALO_APP_SECRET && env.ZALO_ACCESS_TOKEN && env.ZALO_REFRESH_TOKEN) {
    const tokens = new ZaloTokens(store, { appId: env.ZALO_APP_ID, appSecret: env.ZALO_APP_SECRET, oauthBase: env.ZALO_OAUTH_BASE || 'https://oauth.zaloapp.com', initial: { access: env.ZALO_ACCESS_TOKEN, refresh: env.ZALO_REFRESH_TOKEN } }, silentLogger);
    senders.zalo = new ZaloSender(new ZaloOaClient(env.ZALO_API_BASE || 'https://openapi.zalo.me', tokens, silentLogger), Number(env.ZALO_BROADCAST_PER_SECOND || 50));
  }
  return senders;
}

