import type { FastifyInstance } from 'fastify';
import { telegramBotUsername } from '../../campaigns/bot-username.js';
import { isLocalAddress, type Campaign } from '../../campaigns/campaign-book.js';
import { campaignQr } from '../../campaigns/qr.js';
import { QrRefused, qrLink } from '../../campaigns/qr-link.js';
import type { ConsoleParts } from '../console-parts.js';

const EDITORS = { roles: ['admin', 'editor'] } as const;

/** The web chat's iframe for a provincial portal (README, "Channels"), with this server's public address. */
export function embedSnippet(publicUrl: string, code?: string): string {
  const src = `${publicUrl.replace(/\/+$/, '')}/${code ? `?c=${encodeURIComponent(code)}` : ''}`;
  return `<iframe src="${src}" title="Trợ lý định danh điện tử" style="width:100%;max-width:420px;height:640px;border:0" loading="lazy"></iframe>`;
}

/** Chiến dịch: list with links, create, QR codes (refused while PUBLIC_URL would make them useless), the embed snippet. */
export function campaignRoutes(api: FastifyInstance, parts: ConsoleParts): void {
  let username: Promise<string | undefined> | undefined;
  const settings = async () => {
    username ??= telegramBotUsername(parts.env);
    return { ...parts.env, TELEGRAM_BOT_USERNAME: await username };
  };
  const describe = async (c: Campaign) => {
    const s = await settings();
    let qr: { ok: true } | { ok: false; why: string } = { ok: true };
    try {
      qrLink(parts.campaigns, c, s);
    } catch (err) {
      qr = { ok: false, why: (err as Error).message };
    }
    const publicUrl = parts.env.PUBLIC_URL ?? '';
    return { ...c, links: parts.campaigns.links(c, s), qr, embed: publicUrl && !isLocalAddress(publicUrl) ? embedSnippet(publicUrl, c.code) : null };
  };

  api.get('/campaigns', { config: EDITORS }, async () => {
    const publicUrl = parts.env.PUBLIC_URL ?? '';
    const campaigns = await Promise.all((await parts.campaigns.list()).map(describe));
    return {
      campaigns: campaigns.reverse(),
      embed: publicUrl && !isLocalAddress(publicUrl) ? { snippet: embedSnippet(publicUrl), origins: parts.env.EMBED_ORIGINS ?? '' } : null,
    };
  });

  api.post<{ Body: { name: string; locality?: string; channel?: string } }>(
    '/campaigns',
    {
      config: EDITORS,
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: { name: { type: 'string', maxLength: 200 }, locality: { type: 'string', maxLength: 80 }, channel: { type: 'string', enum: ['', 'telegram', 'zalo', 'web'] } },
        },
      },
    },
    async (req, reply) => {
      try {
        const campaign = await parts.campaigns.create(req.body.name, { locality: req.body.locality, channel: req.body.channel || undefined });
        await parts.audit.record(req.account!.name, 'campaign.create', campaign.code);
        return await describe(campaign);
      } catch (err) {
        return reply.status(400).send({ error: (err as Error).message });
      }
    },
  );

  api.get<{ Params: { code: string; format: string } }>('/campaigns/:code/qr.:format', { config: EDITORS }, async (req, reply) => {
    const format = req.params.format;
    if (format !== 'png' && format !== 'svg') return reply.status(404).send({ error: 'qr.png or qr.svg' });
    const campaign = await parts.campaigns.get(req.params.code);
    if (!campaign) return reply.status(404).send({ error: 'no such campaign' });
    try {
      const link = qrLink(parts.campaigns, campaign, await settings());
      const image = await campaignQr(link, campaign.name, format);
      await parts.audit.record(req.account!.name, 'campaign.qr', campaign.code, format);
      return reply
        .type(format === 'png' ? 'image/png' : 'image/svg+xml')
        .header('content-disposition', `attachment; filename="${campaign.code}.${format}"`)
        .send(image);
    } catch (err) {
      if (err instanceof QrRefused) return reply.status(409).send({ error: err.message });
      throw err;
    }
  });
}
