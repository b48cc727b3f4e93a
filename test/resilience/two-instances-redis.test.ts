import Fastify from 'fastify';
import { Telegram } from 'telegraf';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Inbox } from '../../src/channels/inbox.js';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { registerTelegramWebhook } from '../../src/channels/telegram/telegram-webhook.js';
import { CampaignBook } from '../../src/campaigns/campaign-book.js';
import { CampaignStats } from '../../src/campaigns/campaign-stats.js';
import { silentLogger } from '../../src/core/logger.js';
import { RedisStore } from '../../src/storage/redis-store.js';
import { sharedKnowledge, testAssistant } from '../helpers/assistant.js';

const url = process.env.REDIS_URL;
if (!url && !process.env.CI) console.warn('Two-instance tests skipped: REDIS_URL is not set (CI sets it).');

const prefix = `vneid-two-${process.pid}-${Date.now()}`;
const now = () => new Date('2024-03-05T03:00:00Z');

/** One "instance": its own store connection, assistant and webhook server, as a second process would have. */
function instance() {
  const store = new RedisStore(url!, prefix);
  const assistant = testAssistant({ store, now });
  const channel = new TelegramChannel({ token: '5:x', webhookUrl: 'https://x.invalid', webhookSecret: 'shared-secret-1' }, assistant, store, silentLogger);
  channel.bot.botInfo = { id: 5, is_bot: true, first_name: 'b', username: 'b', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false };
  const app = Fastify();
  const inbox = new Inbox(store, silentLogger);
  registerTelegramWebhook(app, channel, 'shared-secret-1', inbox);
  return { store, assistant, app, inbox };
}

describe.runIf(Boolean(url))('several instances sharing Redis', () => {
  const a = url ? instance() : undefined;
  const b = url ? instance() : undefined;
  afterAll(async () => {
    await Promise.all([a?.app.close(), b?.app.close()]);
    await Promise.all([a?.store.close(), b?.store.close()]);
  });

  const sent: string[] = [];
  vi.spyOn(Telegram.prototype, 'callApi').mockImplementation(async (method: string, payload: unknown) => {
    if (method === 'sendMessage') sent.push(String((payload as { text: string }).text));
    return true as never;
  });

  const post = (app: ReturnType<typeof Fastify>, update: unknown) =>
    app.inject({ method: 'POST', url: '/webhooks/telegram', payload: update as object, headers: { 'x-telegram-bot-api-secret-token': 'shared-secret-1' } });

  it('process an update delivered to both instances once', async () => {
    const update = { update_id: 5001, message: { message_id: 1, date: 0, chat: { id: 77, type: 'private' }, from: { id: 77, is_bot: false, first_name: 'A' }, text: 'lam vneid ton tien ko' } };
    await Promise.all([post(a!.app, update), post(b!.app, update)]);
    await Promise.all([a!.inbox.drain(), b!.inbox.drain()]);
    expect(sent.filter((t) => /miễn phí/.test(t))).toHaveLength(1);
  });

  it('continue a dialogue on the other instance', async () => {
    await a!.assistant.handle({ channel: 'web', userId: 'roamer', text: 'đăng ký định danh mức 1 thế nào' });
    expect((await b!.assistant.handle({ channel: 'web', userId: 'roamer', text: 'còn mức 2 thì sao?' })).intent).toBe('vneid.level2.how');
  });

  it('lose no count when both instances count at once', async () => {
    const campaign = await new CampaignBook(a!.store, now).create('Hai máy chủ');
    const users = Array.from({ length: 30 }, (_, i) => `r${i}`);
    await Promise.all(users.map((u, i) => (i % 2 ? a! : b!).assistant.handle({ channel: 'web', userId: u, text: `/start ${campaign.code}` })));
    await Promise.all(users.flatMap((u, i) => [a!, b!].map((inst) => inst.assistant.handle({ channel: 'web', userId: u, text: i % 3 ? 'lam muc 2 o dau' : 'gia vang' }))));
    const figures = await new CampaignStats(b!.store, new CampaignBook(b!.store, now), now).figures(campaign.code, campaign.name, [...sharedKnowledge().knowledge.intents], undefined, '2024-03-01');
    expect(figures).toMatchObject({ users: 30, questions: 60, answered: 40, fallback: 20 });
  });
});
