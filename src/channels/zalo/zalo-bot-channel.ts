import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { Assistant } from '../../core/assistant.js';
import type { Logger } from '../../core/logger.js';
import type { IncomingMessage, Reply } from '../../core/message.js';
import type { Store } from '../../storage/store.js';
import { claimDelivery, sameSecret } from '../delivery-guard.js';
import type { Inbox } from '../inbox.js';
import { zaloBotCall, zaloBotSendText, type ZaloBotAnswer } from './zalo-bot-api.js';

export const ZALO_BOT_WEBHOOK_PATH = '/webhooks/zalo-bot';

interface BotUpdate {
  event_name?: string;
  message?: { message_id?: string; text?: string; chat?: { id?: string }; from?: { id?: string; is_bot?: boolean } };
}

export interface ZaloBotSettings {
  token: string;
  apiBase: string;
  webhookUrl?: string | undefined;
  webhookSecret?: string | undefined;
}

/** The Zalo Bot Platform adapter (Telegram-like bots): webhook or polling, and sendMessage. */
export class ZaloBotChannel {
  private polling = false;

  constructor(
    private readonly settings: ZaloBotSettings,
    private readonly assistant: Assistant,
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  get mode(): 'webhook' | 'polling' {
    return this.settings.webhookUrl ? 'webhook' : 'polling';
  }

  private call<T>(method: string, body: unknown, timeoutMs?: number): Promise<ZaloBotAnswer<T>> {
    return zaloBotCall<T>(this.settings, method, body, timeoutMs);
  }

  /** Buttons become a short list of suggestions: this platform's messages are text; 👎 is typed ("sai rồi"). */
  private render(reply: Reply): string {
    const suggestions = reply.buttons.filter((b) => b.payload.startsWith('q:')).map((b) => `• ${b.label}`);
    const hint = reply.feedback ? [reply.language === 'en' ? 'Not what you asked? Type "wrong".' : 'Chưa đúng ý? Gõ «sai rồi».'] : [];
    return [reply.text, suggestions.join('\n'), ...hint].filter(Boolean).join('\n\n');
  }

  async handleUpdate(raw: unknown): Promise<void> {
    const update = ((raw as { result?: BotUpdate })?.result ?? raw) as BotUpdate;
    const m = update?.message;
    if (!m?.chat?.id || !m.from?.id || m.from.is_bot) return;
    const id = `${update.event_name ?? ''}:${m.message_id ?? ''}`;
    const answered = await claimDelivery(this.store, 'zalo-bot', id);
    if (!answered) return;
    const incoming: IncomingMessage =
      update.event_name === 'message.text.received' && typeof m.text === 'string'
        ? { channel: 'zalo-bot', userId: m.from.id, text: m.text }
        : { channel: 'zalo-bot', userId: m.from.id, attachment: update.event_name ?? 'other' };
    const reply = await this.assistant.handle(incoming);
    if (!reply.silent) {
      const answer = await zaloBotSendText(this.settings, m.chat.id, this.render(reply));
      if (!answer.ok) this.log.error({ description: answer.description }, 'zalo-bot: sendMessage failed');
    }
    await answered();
  }

  registerWebhook(app: FastifyInstance, inbox: Inbox): void {
    inbox.handle('zalo-bot', (raw) => this.handleUpdate(raw));
    app.post(ZALO_BOT_WEBHOOK_PATH, async (req, reply) => {
      const token = req.headers['x-bot-api-secret-token'];
      if (!sameSecret(typeof token === 'string' ? token : undefined, this.settings.webhookSecret ?? '')) return reply.status(401).send({ error: 'bad secret token' });
      return inbox.receive('zalo-bot', req.body, reply);
    });
  }

  async start(): Promise<void> {
    if (this.settings.webhookUrl) {
      const answer = await this.call('setWebhook', { url: this.settings.webhookUrl, secret_token: this.settings.webhookSecret });
      if (!answer.ok) throw new Error(`Zalo bot setWebhook failed: ${answer.description ?? answer.error_code}`);
      return;
    }
    this.polling = true;
    void this.poll();
  }

  private async poll(): Promise<void> {
    while (this.polling) {
      try {
        const answer = await this.call<BotUpdate>('getUpdates', { timeout: 30 }, 40_000);
        if (answer.ok && answer.result) await this.handleUpdate(answer.result);
        else if (answer.error_code !== 408) await sleep(2000);
      } catch (err) {
        this.log.warn({ err: String(err) }, 'zalo-bot: polling error, retrying');
        await sleep(5000);
      }
    }
  }

  stop(): void {
    this.polling = false;
  }
}
