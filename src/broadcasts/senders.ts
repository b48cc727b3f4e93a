import { Telegram, TelegramError } from 'telegraf';
import { NO_RETRY_ERRORS, ZaloApiError, type ZaloOaClient } from '../channels/zalo/zalo-oa-client.js';

/** What became of one message of a broadcast. */
export type SendResult = { kind: 'sent' } | { kind: 'blocked' } | { kind: 'skipped'; why: string } | { kind: 'retry'; afterMs: number } | { kind: 'failed'; why: string };

export interface Sender {
  /** messages a second this platform allows for a broadcast */
  readonly perSecond: number;
  send(userId: string, text: string): Promise<SendResult>;
}

export class TelegramSender implements Sender {
  private readonly telegram: Telegram;

  constructor(token: string, apiRoot: string | undefined, readonly perSecond: number) {
    this.telegram = new Telegram(token, apiRoot ? { apiRoot } : {});
  }

  async send(userId: string, text: string): Promise<SendResult> {
    try {
      await this.telegram.sendMessage(userId, text.slice(0, 4096));
      return { kind: 'sent' };
    } catch (err) {
      if (err instanceof TelegramError) {
        if (err.code === 429) return { kind: 'retry', afterMs: (err.parameters?.retry_after ?? 1) * 1000 };
        if (err.code === 403) return { kind: 'blocked' };
        if (err.code >= 500) return { kind: 'retry', afterMs: 2000 };
        return { kind: 'failed', why: `${err.code} ${err.description}` };
      }
      return { kind: 'retry', afterMs: 2000 };
    }
  }
}

export class ZaloSender implements Sender {
  constructor(
    private readonly client: ZaloOaClient,
    readonly perSecond: number,
  ) {}

  async send(userId: string, text: string): Promise<SendResult> {
    try {
      await this.client.sendText(userId, text);
      return { kind: 'sent' };
    } catch (err) {
      if (err instanceof ZaloApiError) {
        if (err.code === -32) return { kind: 'retry', afterMs: 5000 };
        if (err.code === -213) return { kind: 'blocked' };
        // outside the 7-day window a customer-service message is refused: skipped and counted, not failed
        if (NO_RETRY_ERRORS.has(err.code)) return { kind: 'skipped', why: `outside the interaction window (${err.code})` };
        return { kind: 'failed', why: err.message };
      }
      return { kind: 'retry', afterMs: 2000 };
    }
  }
}
