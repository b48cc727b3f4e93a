import { setTimeout as sleep } from 'node:timers/promises';
import { Telegraf, TelegramError, type Context } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Assistant } from '../../core/assistant.js';
import type { Logger } from '../../core/logger.js';
import type { Button, IncomingMessage, Reply } from '../../core/message.js';
import type { Store } from '../../storage/store.js';
import { claimDelivery, type MarkAnswered } from '../delivery-guard.js';
import { backoffMs, SEND_RETRIES } from '../retry.js';
import { splitText } from '../split-text.js';

export const TELEGRAM_TEXT_LIMIT = 4096;
export const CALLBACK_DATA_LIMIT = 64;

export interface TelegramSettings {
  token: string;
  /** another Bot API server (self-hosted, or an emulator in tests) */
  apiRoot?: string | undefined;
  /** when set, Telegram posts updates to our server; otherwise we poll */
  webhookUrl?: string | undefined;
  webhookSecret?: string | undefined;
}

/** Inline keyboard rows of two; a payload over 64 bytes would be refused by Telegram, so it is left out. */
export function inlineKeyboard(buttons: Button[], log: Logger): { text: string; callback_data: string }[][] {
  const fitting = buttons.filter((b) => {
    const ok = Buffer.byteLength(b.payload) <= CALLBACK_DATA_LIMIT;
    if (!ok) log.warn({ payload_bytes: Buffer.byteLength(b.payload) }, 'telegram: button payload too long, left out');
    return ok;
  });
  const rows: { text: string; callback_data: string }[][] = [];
  for (let i = 0; i < fitting.length; i += 2) rows.push(fitting.slice(i, i + 2).map((b) => ({ text: b.label, callback_data: b.payload })));
  return rows;
}

/** How long to wait before trying a failed call again, or undefined when trying again cannot help. */
function retryDelayMs(err: unknown, attempt: number): number | undefined {
  if (err instanceof TelegramError) {
    if (err.code === 429) return (err.parameters?.retry_after ?? 1) * 1000;
    return err.code >= 500 ? backoffMs(attempt) : undefined;
  }
  // node-fetch's FetchError: the connection failed or was cut, the request may not have arrived
  return err instanceof Error && err.name === 'FetchError' ? backoffMs(attempt) : undefined;
}


/**
 * The Telegram adapter: turns updates into IncomingMessage and replies into messages with inline
 * keyboards. Telegraf stays behind this class, so it can be swapped.
 */
export class TelegramChannel {
  readonly bot: Telegraf;
  private polling = false;

  constructor(
    private readonly settings: TelegramSettings,
    private readonly assistant: Assistant,
    private readonly store: Store,
    private readonly log: Logger,
  ) {
    this.bot = new Telegraf(settings.token, {
      telegram: { webhookReply: false, ...(settings.apiRoot ? { apiRoot: settings.apiRoot } : {}) },
      handlerTimeout: 30_000,
    });
    this.bot.on('callback_query', (ctx) => this.onCallback(ctx));
    this.bot.on('message', (ctx) => this.onMessage(ctx));
    this.bot.catch((err, ctx) => this.log.error({ err: String(err), update_id: ctx.update.update_id }, 'telegram: handler failed'));
  }

  get mode(): 'webhook' | 'polling' {
    return this.settings.webhookUrl ? 'webhook' : 'polling';
  }

  /**
   * Sends with retries: on 429 it waits the `retry_after` seconds Telegram asks for; a server error
   * or a failed connection is tried again after 0.5, 1 and 2 s. Anything else is logged and dropped.
   */
  private async send<T>(what: string, call: () => Promise<T>): Promise<T | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        const waitMs = retryDelayMs(err, attempt);
        if (waitMs === undefined || attempt > SEND_RETRIES) {
          this.log.error({ err: err instanceof TelegramError ? `${err.code} ${err.description}` : String(err), what }, 'telegram: call failed');
          return undefined;
        }
        this.log.warn({ wait_ms: waitMs, what, err: err instanceof TelegramError ? err.code : 'connection' }, 'telegram: call failed, trying again');
        await sleep(waitMs);
      }
    }
  }

  private async deliver(chatId: number, reply: Reply): Promise<void> {
    if (reply.silent) return;
    const chunks = splitText(reply.text, TELEGRAM_TEXT_LIMIT);
    const keyboard = [...inlineKeyboard(reply.buttons, this.log), ...(reply.feedback ? inlineKeyboard(reply.feedback, this.log) : [])];
    for (const [i, chunk] of chunks.entries()) {
      const last = i === chunks.length - 1;
      await this.send('sendMessage', () =>
        this.bot.telegram.sendMessage(chatId, chunk, last && keyboard.length > 0 ? { reply_markup: { inline_keyboard: keyboard } } : {}),
      );
    }
  }

  private claim(update: Update): Promise<MarkAnswered | undefined> {
    return claimDelivery(this.store, 'telegram', String(update.update_id));
  }

  private async onMessage(ctx: Context): Promise<void> {
    const answered = await this.claim(ctx.update);
    if (!answered) return;
    const message = ctx.message;
    if (!message || !ctx.from || ctx.from.is_bot) return answered();
    const incoming: IncomingMessage = { channel: 'telegram', userId: String(ctx.from.id), privateChat: message.chat.type === 'private' };
    if (ctx.from.language_code) incoming.languageHint = ctx.from.language_code;
    if ('text' in message && typeof message.text === 'string') incoming.text = message.text;
    else incoming.attachment = Object.keys(message).find((k) => ['sticker', 'photo', 'voice', 'video', 'document', 'location', 'contact', 'animation', 'audio'].includes(k)) ?? 'other';
    const reply = await this.assistant.handle(incoming);
    await this.deliver(message.chat.id, reply);
    await answered();
  }

  private async onCallback(ctx: Context): Promise<void> {
    const answered = await this.claim(ctx.update);
    if (!answered) return;
    const query = ctx.callbackQuery;
    if (!query || !('data' in query) || !query.data) return answered();
    await this.send('answerCallbackQuery', () => ctx.answerCbQuery());
    const incoming: IncomingMessage = { channel: 'telegram', userId: String(query.from.id), button: query.data, privateChat: (query.message?.chat.type ?? 'private') === 'private' };
    if (query.from.language_code) incoming.languageHint = query.from.language_code;
    const reply = await this.assistant.handle(incoming);
    const chatId = query.message?.chat.id ?? query.from.id;
    await this.deliver(chatId, reply);
    await answered();
  }

  /** Handles one update (from the webhook route or a test). Never throws. */
  async handleUpdate(update: Update): Promise<void> {
    try {
      await this.bot.handleUpdate(update);
    } catch (err) {
      this.log.error({ err: String(err), update_id: update.update_id }, 'telegram: update failed');
    }
  }

  /** Connects: who am I, the command menu (optional), then the webhook or polling. */
  async start(): Promise<void> {
    this.bot.botInfo = await this.bot.telegram.getMe();
    try {
      await this.bot.telegram.setMyCommands([
        { command: 'start', description: 'Bắt đầu / Start' },
        { command: 'help', description: 'Tôi hỏi được gì? / Help' },
        { command: 'lang', description: 'Tiếng Việt / English' },
      ]);
    } catch (err) {
      this.log.warn({ err: String(err) }, 'telegram: could not set the command menu; going on without it');
    }
    if (this.settings.webhookUrl) {
      await this.bot.telegram.setWebhook(this.settings.webhookUrl, {
        ...(this.settings.webhookSecret ? { secret_token: this.settings.webhookSecret } : {}),
        allowed_updates: ['message', 'callback_query'],
      });
      return;
    }
    await this.bot.telegram.deleteWebhook().catch((err: unknown) => this.log.warn({ err: String(err) }, 'telegram: deleteWebhook failed'));
    this.polling = true;
    // launch() resolves only when polling stops: run it in the background
    void this.bot.launch({ allowedUpdates: ['message', 'callback_query'] }).catch((err: unknown) => {
      this.polling = false;
      this.log.error({ err: String(err) }, 'telegram: polling stopped');
    });
  }

  stop(): void {
    if (this.polling) {
      this.polling = false;
      this.bot.stop('shutdown');
    }
  }
}
