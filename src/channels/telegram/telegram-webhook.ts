import type { FastifyInstance } from 'fastify';
import type { Update } from 'telegraf/types';
import { sameSecret } from '../delivery-guard.js';
import type { Inbox } from '../inbox.js';
import type { TelegramChannel } from './telegram-channel.js';

export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';

/**
 * POST /webhooks/telegram: checks the secret token Telegram sends with every update (401 without
 * it), keeps the update in the inbox, answers 200 and handles it after, so Telegram never re-sends
 * for slowness and an instance that dies loses nothing.
 */
export function registerTelegramWebhook(app: FastifyInstance, channel: TelegramChannel, secret: string, inbox: Inbox): void {
  inbox.handle('telegram', (update) => channel.handleUpdate(update as Update));
  app.post(TELEGRAM_WEBHOOK_PATH, async (req, reply) => {
    const token = req.headers['x-telegram-bot-api-secret-token'];
    if (!sameSecret(typeof token === 'string' ? token : undefined, secret)) return reply.status(401).send({ error: 'bad secret token' });
    const update = req.body as Partial<Update> | null;
    if (!update || typeof update !== 'object' || typeof update.update_id !== 'number') return reply.status(200).send({ ok: true, ignored: true });
    return inbox.receive('telegram', update, reply);
  });
}
