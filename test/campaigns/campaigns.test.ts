import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';

// jsqr is CommonJS with `export default`: under Node's ESM interop the function may sit on .default
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as unknown as (data: Uint8ClampedArray, w: number, h: number) => { data: string } | null;
import { CampaignBook, CAMPAIGN_CODE, hashUser } from '../../src/campaigns/campaign-book.js';
import { CampaignStats, DIRECT, redactQuestion } from '../../src/campaigns/campaign-stats.js';
import { campaignQr } from '../../src/campaigns/qr.js';
import { incomingFromZalo } from '../../src/channels/zalo/zalo-oa-webhook.js';
import { LocalStore } from '../../src/storage/local-store.js';
import { sharedKnowledge, testAssistant } from '../helpers/assistant.js';

const now = () => new Date('2024-03-05T03:00:00Z');

async function setUp() {
  const store = LocalStore.memory();
  const book = new CampaignBook(store, now);
  const campaign = await book.create('Áp phích Hội An tháng 3', { locality: 'Quảng Nam' });
  const stats = new CampaignStats(store, book, now, 'vneid-assistant');
  const assistant = testAssistant({ store, now });
  const figures = (code = campaign.code) => stats.figures(code, campaign.name, [...sharedKnowledge().knowledge.intents], undefined, '2024-03-01');
  return { store, book, campaign, assistant, figures };
}

describe('campaigns', () => {
  it('get a code that is a valid Telegram deep-link payload, and links that carry it', async () => {
    const { book, campaign } = await setUp();
    expect(campaign.code).toMatch(CAMPAIGN_CODE);
    expect(campaign.code).toMatch(/^ap-phich-hoi-an-thang-3-/);
    const links = book.links(campaign, { TELEGRAM_BOT_USERNAME: '@vneid_bot', PUBLIC_URL: 'https://hotro.example.vn/', ZALO_OA_LINK: 'https://zalo.me/1900000000000000004' });
    expect(links).toEqual({
      telegram: `https://t.me/vneid_bot?start=${campaign.code}`,
      web: `https://hotro.example.vn/?c=${campaign.code}`,
      zalo: 'https://zalo.me/1900000000000000004',
    });
  });

  it('count a person once, whether they came by Telegram deep link, the web chat ?c= or a Zalo follow', async () => {
    const { campaign, assistant, figures } = await setUp();
    // Telegram's deep link and the web chat's ?c= both reach the core as "/start CODE"
    await assistant.handle({ channel: 'telegram', userId: '1', text: `/start ${campaign.code}` });
    await assistant.handle({ channel: 'telegram', userId: '1', text: `/start ${campaign.code}` });
    await assistant.handle({ channel: 'web', userId: 'w1', text: `/start ${campaign.code}` });
    const follow = incomingFromZalo({ app_id: '1', event_name: 'follow', timestamp: '1', follower: { id: 'z1' }, source: campaign.code })!;
    await assistant.handle(follow.message);
    await assistant.handle(follow.message);
    // a person counts at their first real question, not at the link
    expect((await figures()).users).toBe(0);
    await assistant.handle({ channel: 'telegram', userId: '1', text: 'dang ky muc 2 o dau' });
    await assistant.handle({ channel: 'telegram', userId: '1', button: 'q:fee' });
    await assistant.handle({ channel: 'web', userId: 'w1', text: 'lam muc 2 o dau' });
    await assistant.handle({ channel: 'zalo', userId: 'z1', text: 'co mat phi khong' });
    const f = await figures();
    expect(f.users).toBe(3);
    expect(f.questions).toBe(4);
    expect(f.answered).toBe(4);
    expect(f.top_intents).toEqual(expect.arrayContaining([{ intent: 'vneid.level2.how', count: 2 }, { intent: 'fee', count: 2 }]));
    expect(f.by_day).toEqual([{ day: '2024-03-05', users: 3, questions: 4, answered: 4, fallback: 0, clarified: 0 }]);
  });

  it('keep the first contact: a person who came directly is not credited to a later campaign', async () => {
    const { campaign, assistant, figures } = await setUp();
    await assistant.handle({ channel: 'web', userId: 'w2', text: 'hi' });
    await assistant.handle({ channel: 'web', userId: 'w2', text: `/start ${campaign.code}` });
    expect((await figures()).users).toBe(0);
    expect((await figures(DIRECT)).users).toBe(1);
  });

  it('count exactly when many messages arrive at once', async () => {
    const { campaign, assistant, figures } = await setUp();
    const users = Array.from({ length: 40 }, (_, i) => `u${i}`);
    await Promise.all(users.map((u) => assistant.handle({ channel: 'telegram', userId: u, text: `/start ${campaign.code}` })));
    await Promise.all(users.flatMap((u) => ['lam muc 2 o dau', 'co mat phi khong', 'gia vang hom nay'].map((text) => assistant.handle({ channel: 'telegram', userId: u, text }))));
    const f = await figures();
    expect(f).toMatchObject({ users: 40, questions: 120, answered: 80, fallback: 40 });
    expect(f.unanswered).toEqual([{ text: 'gia vang hom nay', count: 40 }]);
  });

  it('keep unanswered questions without phone or ID numbers', async () => {
    expect(redactQuestion('goi cho toi 0905 123 456 nhe')).toBe('goi cho toi … nhe');
    expect(redactQuestion('so cccd 046090001234 cua toi')).toBe('so cccd … cua toi');
  });

  it('print a QR code that decodes back to its link', async () => {
    const link = 'https://t.me/vneid_bot?start=ap-phich-hoi-an-k3f9';
    const png = PNG.sync.read(await campaignQr(link, 'Áp phích Hội An tháng 3', 'png'));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(link);
    const svg = (await campaignQr(link, 'Áp phích <Hội An>', 'svg')).toString();
    expect(svg).toContain('Áp phích &lt;Hội An&gt;');
  });
});

describe('figures that cannot be forged or flooded', () => {
  it('500 made-up ids that only open the link credit nobody', async () => {
    const { campaign, assistant, figures } = await setUp();
    await Promise.all(Array.from({ length: 500 }, (_, i) => assistant.handle({ channel: 'web', userId: `bot${i}`, text: `/start ${campaign.code}` })));
    expect((await figures()).users).toBe(0);
  });

  it('1,000 distinct junk questions do not push out a question people keep asking', async () => {
    const { campaign, assistant, figures } = await setUp();
    // the junk comes first and fills the list; the real question, asked after it, still comes out on top
    for (let i = 0; i < 1000; i++) {
      if (i < 60) await assistant.handle({ channel: 'web', userId: `junk${i}`, text: `/start ${campaign.code}` });
      await assistant.handle({ channel: 'web', userId: `junk${i % 60}`, text: `zzq${i} qqz${i}` });
    }
    for (let i = 0; i < 3; i++) {
      await assistant.handle({ channel: 'web', userId: `real${i}`, text: `/start ${campaign.code}` });
      await assistant.handle({ channel: 'web', userId: `real${i}`, text: 'xem bói tình duyên ở đâu' });
    }
    const f = await figures();
    expect(f.unanswered[0]!.text).toBe('xem bói tình duyên ở đâu');
    expect(f.unanswered[0]!.count).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('keeps no personal data in the unanswered list: phone numbers in any form, e-mails, ID numbers', () => {
    const cases = [
      'gọi tôi 0912 345 678', 'gọi 0912.345.678', 'gọi 0912_345_678', 'gọi 0912,345,678', 'gọi ０９１２３４５６７８', 'gọi +84 912 345 678',
      'mail tôi nguyen.van.a@gmail.com nhé', 'cccd của tôi 001203004567', 'cmnd 123456789', 'mã 1234567',
    ];
    for (const text of cases) {
      const kept = redactQuestion(text);
      expect(kept, text).not.toMatch(/\d{4}|[０-９]{4}|@/);
    }
    expect(redactQuestion('đổi thẻ năm 2025 ở đâu, Nghị định 69/2024')).toBe('đổi thẻ năm 2025 ở đâu, Nghị định 69/2024');
    expect(redactQuestion('a\u001b[31mred\u0007')).not.toMatch(/[\u0000-\u001f]/);
  });

  it('refuses a campaign name with control characters', async () => {
    const { book } = await setUp();
    await expect(book.create('Áp phích\u001b[2J\nfake row')).rejects.toThrow(/control characters/);
  });

  it('hashes user ids with a salt kept in the store, not a public constant', async () => {
    const { store, campaign, assistant } = await setUp();
    await assistant.handle({ channel: 'telegram', userId: '42', text: `/start ${campaign.code}` });
    await assistant.handle({ channel: 'telegram', userId: '42', text: 'dang ky muc 2 o dau' });
    const salt = await store.getFlag<string>('channel', 'secret:user-hash-salt');
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.getFlag('campaign', `u:${hashUser('telegram', '42', salt!)}`)).toBeDefined();
    expect(await store.getFlag('campaign', `u:${hashUser('telegram', '42', 'vneid-assistant')}`)).toBeUndefined();
  });
});

describe('officer view of campaigns', () => {
  it('an officer asking "thống kê chiến dịch" sees the figures of their locality', async () => {
    const { store, campaign, assistant } = await setUp();
    await assistant.handle({ channel: 'web', userId: 'p1', text: `/start ${campaign.code}` });
    await assistant.handle({ channel: 'web', userId: 'p1', text: 'dang ky muc 2 o dau' });
    const { OfficerRegistry } = await import('../../src/officers/registry.js');
    const { code } = await new OfficerRegistry(store, now).invite('Công an tỉnh', 'Quảng Nam');
    await assistant.handle({ channel: 'telegram', userId: 'officer', text: `/officer ${code}` });
    const reply = await assistant.handle({ channel: 'telegram', userId: 'officer', text: 'thống kê chiến dịch' });
    expect(reply.intent).toBe('officer.campaigns');
    expect(reply.text).toMatch(/Áp phích Hội An tháng 3 \(.+\): 1 người mới/);
    const citizen = await assistant.handle({ channel: 'telegram', userId: 'someone', text: 'thống kê chiến dịch' });
    expect(citizen.intent).toBe('fallback');
  });
});
