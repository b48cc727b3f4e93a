import { isLocalAddress, type Campaign, type CampaignBook, type LinkSettings } from './campaign-book.js';

/** Why a QR code is not made: no link for the channel, or a link only this machine can open (the CLI words it in the operator's language). */
export class QrRefused extends Error {
  constructor(
    readonly reason: 'no_link' | 'local',
    readonly detail: { channel: string; link?: string },
    message: string,
  ) {
    super(message);
  }
}

/**
 * The link a campaign's QR code carries (its own channel, else Telegram when there is a bot, else the
 * web chat), refused when it would lead nowhere once printed: PUBLIC_URL unset or pointing at this machine.
 */
export function qrLink(book: CampaignBook, campaign: Campaign, settings: LinkSettings, options: { channel?: string | undefined; allowLocal?: boolean | undefined } = {}): string {
  const links = book.links(campaign, settings);
  const channel = (options.channel ?? campaign.channel ?? (links.telegram ? 'telegram' : 'web')) as keyof typeof links;
  const link = links[channel];
  if (!link) throw new QrRefused('no_link', { channel }, `No ${channel} link for this campaign (see campaign create for the settings it needs)`);
  if (isLocalAddress(link) && !options.allowLocal) {
    throw new QrRefused('local', { channel, link }, `The link ${link} only works on this machine: a printed QR code would lead nowhere. Set PUBLIC_URL to the address people reach (e.g. PUBLIC_URL=https://hotro.congan.example.gov.vn in .env), or add --allow-local for a test print.`);
  }
  return link;
}
