import type { FastifyInstance } from 'fastify';
import type { Assistant } from '../../core/assistant.js';
import type { Logger } from '../../core/logger.js';
import type { IncomingMessage } from '../../core/message.js';
import type { Store } from '../../storage/store.js';
import { claimDelivery } from '../delivery-guard.js';
import type { Inbox } from '../inbox.js';
import { verifyZaloSignature } from './signature.js';
import { NO_RETRY_ERRORS, ZaloApiError, type ZaloOaClient } from './zalo-oa-client.js';

export const ZALO_WEBHOOK_PATH = '/webhooks/zalo';

/** A pressed oa.query button comes back as text: our payloads are recognised by their prefix. */
const BUTTON_PAYLOAD = /^(?:q|more|lang|ol|ot|od|on|ho):\S+$/;

interface ZaloEvent {
  app_id?: string;
  event_name?: string;
  timestamp?: string;
  sender?: { id?: string };
  follower?: { id?: string };
  source?: string;
  message?: { msg_id?: string; text?: string };
}

/** What an OA event means for the assistant, or undefined for events it ignores (echoes, seen, ...). */
export function incomingFromZalo(event: ZaloEvent): { message: IncomingMessage; id: string } | undefined {
  const name = event.event_name ?? '';
  if (name === 'follow' && event.follower?.id) {
    // A follow through a campaign link may carry its code in `source` (not confirmed in Zalo's documentation).
    const source = typeof event.source === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(event.source) && event.source !== 'testing_webhook' ? ` ${event.source}` : '';
    return { message: { channel: 'zalo', userId: event.follower.id, text: `/start${source}` }, id: `follow:${event.follower.id}:${event.timestamp ?? ''}` };
  }
  if (!name.startsWith('user_send_') || !event.sender?.id) return undefined;
  const userId = event.sender.id;
  const id = event.message?.msg_id ?? `${name}:${userId}:${event.timestamp ?? ''}`;
  if (name === 'user_send_text') {
    const text = event.message?.text ?? '';
    return { message: BUTTON_PAYLOAD.test(text.trim()) ? { channel: 'zalo', userId, button: text.trim() } : { channel: 'zalo', userId, text }, id };
  }
  return { message: { channel: 'zalo', userId, attachment: name.replace('user_send_', '') }, id };
}

/** How far a Zalo event's timestamp may be from now (replays of old signed events are refused). */
export const MAX_EVENT_AGE_MS = 5 * 60_000;

/**
 * POST /webhooks/zalo: verifies the signature over the raw body (401 if wrong), keeps the event in
 * the inbox, answers 200 and does the work after; re-delivered events are answered once.
 */
export function registerZaloOaWebhook(
  app: FastifyInstance,
  deps: { assistant: Assistant; store: Store; client: ZaloOaClient; oaSecretKey: string; appId: string; log: Logger; inbox: Inbox; clock?: () => Date },
): void {
  const now = deps.clock ?? (() => new Date());
  deps.inbox.handle('zalo', async (raw) => {
    const incoming = incomingFromZalo(raw as ZaloEvent);
    if (!incoming) return;
    const answered = await claimDelivery(deps.store, 'zalo', incoming.id);
    if (!answered) return;
    const answer = await deps.assistant.handle(incoming.message);
    if (answer.silent) return answered();
    try {
      await deps.client.sendText(incoming.message.userId, answer.text, [...answer.buttons.slice(0, answer.feedback ? 3 : 5), ...(answer.feedback ?? [])]);
    } catch (err) {
      const code = err instanceof ZaloApiError ? err.code : undefined;
      if (code !== undefined && NO_RETRY_ERRORS.has(code)) deps.log.info({ code }, 'zalo: user outside the interaction window; not retried');
      else deps.log.error({ err: String(err) }, 'zalo: reply failed');
    }
    await answered();
  });
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      (req as unknown as { rawBody: string }).rawBody = body as string;
      try {
        done(null, JSON.parse(body as string));
      } catch {
        const err = new Error('malformed JSON') as Error & { statusCode: number };
        err.statusCode = 400;
        done(err, undefined);
      }
    });
    scope.post(ZALO_WEBHOOK_PATH, async (req, reply) => {
      const raw = (req as unknown as { rawBody?: string }).rawBody ?? '';
      const event = (req.body ?? {}) as ZaloEvent;
      if (typeof event !== 'object' || !verifyZaloSignature(req.headers['x-zevent-signature'] as string | undefined, raw, event, deps.oaSecretKey)) {
        return reply.status(401).send({ error: 'bad signature' });
      }
      const incoming = incomingFromZalo(event);
      if (!incoming) return reply.status(200).send({ ok: true, ignored: true });
      // a signed event of another app, or one replayed long after it was sent, is refused
      if (event.app_id !== deps.appId) return reply.status(403).send({ error: 'event for another app' });
      const sentAt = Number(event.timestamp);
      if (!Number.isFinite(sentAt) || Math.abs(now().getTime() - sentAt) > MAX_EVENT_AGE_MS) return reply.status(401).send({ error: 'stale event' });
      return deps.inbox.receive('zalo', event, reply);
    });
  });
}
