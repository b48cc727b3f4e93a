import type { FastifyInstance } from 'fastify';
import { Inbox } from '../channels/inbox.js';
import { TelegramChannel } from '../channels/telegram/telegram-channel.js';
import { registerTelegramWebhook } from '../channels/telegram/telegram-webhook.js';
import { ZaloBotChannel } from '../channels/zalo/zalo-bot-channel.js';
import { zaloBotAccessFromEnv } from '../channels/zalo/zalo-bot-api.js';
import { ZaloOaClient } from '../channels/zalo/zalo-oa-client.js';
import { registerZaloOaWebhook } from '../channels/zalo/zalo-oa-webhook.js';
import { ZaloTokens } from '../channels/zalo/zalo-token.js';
import { sealKeyFrom } from '../storage/sealed.js';
import type { Assistant } from '../core/assistant.js';
import type { Logger } from '../core/logger.js';
import type { Store } from '../storage/store.js';
import type { ChannelState } from './app.js';

export type ChannelEnv = Record<string, string | undefined>;

export interface RunningChannels {
  states: ChannelState[];
  /** registered before the server listens */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Connects a channel; if it cannot, the channel is shown off with the reason, and the rest go on. */
async function startOrReport(state: ChannelState, start: () => Promise<void>, log: Logger): Promise<void> {
  try {
    await start();
  } catch (err) {
    state.on = false;
    state.why = `could not connect: ${String(err)}`;
    log.error({ err: String(err) }, `${state.name}: start failed`);
  }
}

/**
 * Sets up every channel the environment enables: routes are added to the app now; connections
 * to the platforms are made by start(). A channel that is off says why.
 */
export function setUpChannels(app: FastifyInstance, env: ChannelEnv, deps: { assistant: Assistant; store: Store; log: Logger; port: number }): RunningChannels {
  const inbox = new Inbox(deps.store, deps.log);
  const states: ChannelState[] = [{ name: 'web', on: true, why: `web chat at http://localhost:${deps.port}/` }];
  const starters: (() => Promise<void>)[] = [];
  const stoppers: (() => void)[] = [];

  if (!env.TELEGRAM_BOT_TOKEN) states.push({ name: 'telegram', on: false, why: 'TELEGRAM_BOT_TOKEN is not set' });
  else if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
    states.push({ name: 'telegram', on: false, why: 'TELEGRAM_WEBHOOK_URL is set without TELEGRAM_WEBHOOK_SECRET; refusing an unauthenticated webhook' });
  } else {
    const telegram = new TelegramChannel(
      { token: env.TELEGRAM_BOT_TOKEN, apiRoot: env.TELEGRAM_API_ROOT, webhookUrl: env.TELEGRAM_WEBHOOK_URL, webhookSecret: env.TELEGRAM_WEBHOOK_SECRET },
      deps.assistant,
      deps.store,
      deps.log,
    );
    if (env.TELEGRAM_WEBHOOK_URL) registerTelegramWebhook(app, telegram, env.TELEGRAM_WEBHOOK_SECRET!, inbox);
    const state: ChannelState = { name: 'telegram', on: true, why: telegram.mode === 'webhook' ? `webhook ${env.TELEGRAM_WEBHOOK_URL}` : 'long polling' };
    states.push(state);
    starters.push(() => startOrReport(state, () => telegram.start(), deps.log));
    stoppers.push(() => telegram.stop());
  }

  const zaloMissing = ['ZALO_APP_ID', 'ZALO_APP_SECRET', 'ZALO_OA_SECRET_KEY', 'ZALO_ACCESS_TOKEN', 'ZALO_REFRESH_TOKEN'].filter((k) => !env[k]);
  if (zaloMissing.length > 0) states.push({ name: 'zalo', on: false, why: `${zaloMissing.join(', ')} not set` });
  else {
    const tokens = new ZaloTokens(
      deps.store,
      {
        appId: env.ZALO_APP_ID!,
        appSecret: env.ZALO_APP_SECRET!,
        oauthBase: env.ZALO_OAUTH_BASE || 'https://oauth.zaloapp.com',
        initial: { access: env.ZALO_ACCESS_TOKEN!, refresh: env.ZALO_REFRESH_TOKEN! },
        sealKey: sealKeyFrom(env.TOKEN_ENCRYPTION_KEY),
      },
      deps.log,
    );
    const client = new ZaloOaClient(env.ZALO_API_BASE || 'https://openapi.zalo.me', tokens, deps.log);
    registerZaloOaWebhook(app, { assistant: deps.assistant, store: deps.store, client, oaSecretKey: env.ZALO_OA_SECRET_KEY!, appId: env.ZALO_APP_ID!, log: deps.log, inbox });
    states.push({ name: 'zalo', on: true, why: 'webhook POST /webhooks/zalo' });
  }

  if (!env.ZALO_BOT_TOKEN) states.push({ name: 'zalo-bot', on: false, why: 'ZALO_BOT_TOKEN is not set' });
  else if (env.ZALO_BOT_WEBHOOK_URL && !env.ZALO_BOT_WEBHOOK_SECRET) {
    states.push({ name: 'zalo-bot', on: false, why: 'ZALO_BOT_WEBHOOK_URL is set without ZALO_BOT_WEBHOOK_SECRET' });
  } else {
    const bot = new ZaloBotChannel(
      { ...zaloBotAccessFromEnv(env)!, webhookUrl: env.ZALO_BOT_WEBHOOK_URL, webhookSecret: env.ZALO_BOT_WEBHOOK_SECRET },
      deps.assistant,
      deps.store,
      deps.log,
    );
    if (env.ZALO_BOT_WEBHOOK_URL) bot.registerWebhook(app, inbox);
    const state: ChannelState = { name: 'zalo-bot', on: true, why: bot.mode === 'webhook' ? `webhook ${env.ZALO_BOT_WEBHOOK_URL}` : 'polling' };
    states.push(state);
    starters.push(() => startOrReport(state, () => bot.start(), deps.log));
    stoppers.push(() => bot.stop());
  }

  return {
    states,
    start: async () => {
      await Promise.all(starters.map((s) => s()));
      inbox.startSweeping();
    },
    stop: async () => {
      stoppers.forEach((s) => s());
      await inbox.drain();
    },
  };
}
