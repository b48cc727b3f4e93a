import { createHash, randomInt } from 'node:crypto';
import { fold } from '../nlu/fold.js';
import type { Store } from '../storage/store.js';

/** A propaganda campaign (chiến dịch tuyên truyền): posters, QR codes, Zalo pages that link to the assistant. */
export interface Campaign {
  /** valid as a Telegram deep-link payload: A-Z a-z 0-9 _ -, at most 64 characters */
  code: string;
  name: string;
  locality: string | null;
  channel: 'telegram' | 'zalo' | 'web' | null;
  createdAt: string;
}

export const CAMPAIGN_CODE = /^[A-Za-z0-9_-]{1,64}$/;

/** A campaign that cannot be created as asked: `kind` for the command line to word, the message in English. */
export type CampaignProblem = 'name_length' | 'control_characters' | 'channel' | 'no_free_code';

const PROBLEMS: Record<CampaignProblem, string> = {
  name_length: 'campaign name must be 1 to 200 characters',
  control_characters: 'campaign name and locality may not contain control characters',
  channel: '--channel must be telegram, zalo or web',
  no_free_code: 'could not find a free campaign code; try another name',
};

export class CampaignError extends Error {
  constructor(readonly kind: CampaignProblem) {
    super(PROBLEMS[kind]);
  }
}

/** Where a person meets the campaign: the links that carry its code. */
export interface CampaignLinks {
  telegram?: string;
  web?: string;
  zalo?: string;
}

export interface LinkSettings {
  TELEGRAM_BOT_USERNAME?: string | undefined;
  PUBLIC_URL?: string | undefined;
  ZALO_OA_LINK?: string | undefined;
  /** the server's port, for the address used when PUBLIC_URL is unset */
  PORT?: string | undefined;
}

/** True for an address only this machine can open (a poster with it would lead nowhere). */
export function isLocalAddress(link: string): boolean {
  try {
    const host = new URL(link).hostname;
    return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.') || host === '0.0.0.0' || host.endsWith('.localhost');
  } catch {
    return true;
  }
}

/** "Tuyên truyền Hội An 2024" → "tuyen-truyen-hoi-an-2024-k3f9": readable, unique, a valid deep-link payload. */
function makeCode(name: string): string {
  const slug = fold(name).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  const suffix = Array.from({ length: 4 }, () => 'abcdefghjkmnpqrstuvwxyz23456789'[randomInt(31)]).join('');
  return `${slug || 'c'}-${suffix}`;
}

/** A person's id as kept with campaign figures: a salted hash, never the platform id itself. */
export function hashUser(channel: string, userId: string, salt: string): string {
  return createHash('sha256').update(`${salt}:${channel}:${userId}`).digest('hex').slice(0, 32);
}

export class CampaignBook {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {}

  async create(name: string, options: { locality?: string | undefined; channel?: string | undefined } = {}): Promise<Campaign> {
    const clean = name.normalize('NFC').trim();
    if (clean.length === 0 || clean.length > 200) throw new CampaignError('name_length');
    // control characters would break the QR caption and forge rows in 'campaign list'
    if (/[\p{Cc}\p{Cf}]/u.test(clean) || /[\p{Cc}\p{Cf}]/u.test(options.locality ?? '')) throw new CampaignError('control_characters');
    if (options.channel && !['telegram', 'zalo', 'web'].includes(options.channel)) throw new CampaignError('channel');
    for (let attempt = 0; attempt < 5; attempt++) {
      const campaign: Campaign = {
        code: makeCode(clean),
        name: clean,
        locality: options.locality?.trim() || null,
        channel: (options.channel as Campaign['channel']) ?? null,
        createdAt: this.clock().toISOString(),
      };
      if (await this.store.setIfAbsent('campaign', `code:${campaign.code}`, 1)) {
        await this.store.set('campaign', `c:${campaign.code}`, campaign);
        const slot = await this.store.increment('campaign', 'count');
        await this.store.set('campaign', `slot:${slot}`, campaign.code);
        return campaign;
      }
    }
    throw new CampaignError('no_free_code');
  }

  get(code: string): Promise<Campaign | undefined> {
    if (!CAMPAIGN_CODE.test(code)) return Promise.resolve(undefined);
    return this.store.get<Campaign>('campaign', `c:${code}`);
  }

  async list(): Promise<Campaign[]> {
    const count = await this.store.count('campaign', 'count');
    const codes = await Promise.all(Array.from({ length: count }, (_, i) => this.store.get<string>('campaign', `slot:${i + 1}`)));
    const campaigns = await Promise.all(codes.filter((c): c is string => Boolean(c)).map((c) => this.get(c)));
    return campaigns.filter((c): c is Campaign => c !== undefined);
  }

  links(campaign: Campaign, settings: LinkSettings): CampaignLinks {
    const links: CampaignLinks = {};
    if (settings.TELEGRAM_BOT_USERNAME) links.telegram = `https://t.me/${settings.TELEGRAM_BOT_USERNAME.replace(/^@/, '')}?start=${campaign.code}`;
    const base = (settings.PUBLIC_URL || `http://localhost:${settings.PORT || 3000}`).replace(/\/+$/, '');
    links.web = `${base}/?c=${encodeURIComponent(campaign.code)}`;
    if (settings.ZALO_OA_LINK) links.zalo = settings.ZALO_OA_LINK;
    return links;
  }
}
