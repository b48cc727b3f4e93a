import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { CampaignBook, CampaignError, isLocalAddress } from '../campaigns/campaign-book.js';
import { CampaignStats, DIRECT } from '../campaigns/campaign-stats.js';
import { campaignReport } from '../campaigns/campaign-report.js';
import { loadKnowledge } from '../core/build.js';
import { telegramBotUsername } from '../campaigns/bot-username.js';
import { campaignQr } from '../campaigns/qr.js';
import { QrRefused, qrLink } from '../campaigns/qr-link.js';
import { openStore } from '../storage/open-store.js';
import { clockFromEnv } from '../util/clock.js';
import { printable } from '../util/redact.js';
import { t } from './text.js';

export async function campaignCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const clock = clockFromEnv(process.env);
  const store = openStore(process.env);
  const book = new CampaignBook(store, clock);
  try {
    if (sub === 'create') {
      const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, locality: { type: 'string' }, channel: { type: 'string' } } });
      if (!values.name) throw new Error(t('campaign.create.needs_name'));
      const campaign = await book.create(values.name, { locality: values.locality, channel: values.channel }).catch((err: unknown) => {
        throw err instanceof CampaignError ? new Error(t(`campaign.create.${err.kind}`)) : err;
      });
      const links = book.links(campaign, { ...process.env, TELEGRAM_BOT_USERNAME: await telegramBotUsername(process.env) });
      console.log(t('campaign.create.done', { name: printable(campaign.name), code: campaign.code }));
      console.log(t('campaign.create.telegram', { link: links.telegram ?? t('campaign.create.telegram_missing') }));
      console.log(`${t('campaign.create.web', { link: links.web! })}${isLocalAddress(links.web!) ? t('campaign.create.web_local') : ''}`);
      console.log(t('campaign.create.zalo', { link: links.zalo ?? t('campaign.create.zalo_missing') }));
      console.log(`\n${t('campaign.create.qr', { code: campaign.code })}`);
      return;
    }
    if (sub === 'list') {
      const all = await book.list();
      if (all.length === 0) console.log(t('campaign.list.empty'));
      for (const c of all) console.log(`${c.code}\t${printable(c.name)}\t${printable(c.locality ?? '-')}\t${c.channel ?? t('campaign.list.all_channels')}\t${c.createdAt.slice(0, 10)}`);
      return;
    }
    if (sub === 'qr') {
      const { values, positionals } = parseArgs({ args: rest, options: { out: { type: 'string' }, channel: { type: 'string' }, 'allow-local': { type: 'boolean' } }, allowPositionals: true });
      const campaign = positionals[0] ? await book.get(positionals[0]) : undefined;
      if (!campaign) throw new Error(t('campaign.not_found', { code: positionals[0] ?? '' }));
      if (!values.out || !['.png', '.svg'].includes(extname(values.out).toLowerCase())) throw new Error(t('campaign.qr.needs_out'));
      let link: string;
      try {
        link = qrLink(book, campaign, { ...process.env, TELEGRAM_BOT_USERNAME: await telegramBotUsername(process.env) }, { channel: values.channel, allowLocal: values['allow-local'] });
      } catch (err) {
        if (!(err instanceof QrRefused)) throw err;
        throw new Error(err.reason === 'local' ? t('campaign.qr.local', { link: err.detail.link ?? '' }) : t('campaign.qr.no_link', { channel: err.detail.channel }));
      }
      writeFileSync(values.out, await campaignQr(link, campaign.name, extname(values.out).toLowerCase() === '.svg' ? 'svg' : 'png'));
      console.log(t('campaign.qr.wrote', { file: values.out, link }));
      return;
    }
    if (sub === 'stats') {
      const { values, positionals } = parseArgs({ args: rest, options: { since: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true });
      if (values.since && !/^\d{4}-\d{2}-\d{2}$/.test(values.since)) throw new Error(t('campaign.stats.bad_since'));
      const stats = new CampaignStats(store, book, clock, process.env.USER_HASH_SALT || undefined);
      const intents = [...loadKnowledge().knowledge.intents];
      if (positionals[0] && positionals[0] !== DIRECT && !(await book.get(positionals[0]))) throw new Error(t('campaign.not_found', { code: positionals[0] }));
      const rows = await campaignReport(stats, book, intents, { since: values.since, code: positionals[0] }, clock);
      if (values.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      for (const r of rows) {
        // the JSON keeps the name "(no campaign)"; the operator reads it in their language
        const name = r.code === DIRECT ? t('campaign.stats.no_campaign') : printable(r.name);
        console.log(t('campaign.stats.row', { code: r.code, name, users: r.users, questions: r.questions, answered: r.answered, fallback: r.fallback }));
        if (r.top_intents.length > 0) console.log(t('campaign.stats.top', { list: r.top_intents.map((i) => `${i.intent} ${i.count}`).join(', ') }));
        for (const d of r.by_day) console.log(t('campaign.stats.day', { day: d.day, users: d.users, questions: d.questions, answered: d.answered, fallback: d.fallback }));
        if (r.unanswered.length > 0) console.log(t('campaign.stats.unanswered', { list: r.unanswered.slice(0, 10).map((u) => `"${printable(u.text)}" ×${u.count}`).join('; ') }));
      }
      return;
    }
    throw new Error(t('campaign.needs_subcommand'));
  } finally {
    await store.close();
  }
}
