import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { CampaignBook, isLocalAddress } from '../campaigns/campaign-book.js';
import { CampaignStats } from '../campaigns/campaign-stats.js';
import { campaignReport } from '../campaigns/campaign-report.js';
import { loadKnowledge } from '../core/build.js';
import { telegramBotUsername } from '../campaigns/bot-username.js';
import { campaignQr } from '../campaigns/qr.js';
import { qrLink } from '../campaigns/qr-link.js';
import { openStore } from '../storage/open-store.js';
import { clockFromEnv } from '../util/clock.js';
import { printable } from '../util/redact.js';

export async function campaignCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const clock = clockFromEnv(process.env);
  const store = openStore(process.env);
  const book = new CampaignBook(store, clock);
  try {
    if (sub === 'create') {
      const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, locality: { type: 'string' }, channel: { type: 'string' } } });
      if (!values.name) throw new Error('campaign create needs --name "..."');
      const campaign = await book.create(values.name, { locality: values.locality, channel: values.channel });
      const links = book.links(campaign, { ...process.env, TELEGRAM_BOT_USERNAME: await telegramBotUsername(process.env) });
      console.log(`Campaign "${printable(campaign.name)}" created, code ${campaign.code}`);
      console.log(`  Telegram: ${links.telegram ?? '(set TELEGRAM_BOT_TOKEN, or TELEGRAM_BOT_USERNAME, to get the t.me link)'}`);
      console.log(`  Web chat: ${links.web}${isLocalAddress(links.web!) ? '  (only this machine can open it: set PUBLIC_URL to your public address)' : ''}`);
      console.log(`  Zalo OA:  ${links.zalo ?? '(set ZALO_OA_LINK to print the OA link)'}`);
      console.log(`\nQR code: npm run -s cli -- campaign qr ${campaign.code} --out ${campaign.code}.png`);
      return;
    }
    if (sub === 'list') {
      const all = await book.list();
      if (all.length === 0) console.log('No campaigns yet: campaign create --name "..."');
      for (const c of all) console.log(`${c.code}\t${printable(c.name)}\t${printable(c.locality ?? '-')}\t${c.channel ?? 'all'}\t${c.createdAt.slice(0, 10)}`);
      return;
    }
    if (sub === 'qr') {
      const { values, positionals } = parseArgs({ args: rest, options: { out: { type: 'string' }, channel: { type: 'string' }, 'allow-local': { type: 'boolean' } }, allowPositionals: true });
      const campaign = positionals[0] ? await book.get(positionals[0]) : undefined;
      if (!campaign) throw new Error(`No campaign "${positionals[0] ?? ''}": see campaign list`);
      if (!values.out || !['.png', '.svg'].includes(extname(values.out).toLowerCase())) throw new Error('campaign qr needs --out FILE.png or FILE.svg');
      const link = qrLink(book, campaign, { ...process.env, TELEGRAM_BOT_USERNAME: await telegramBotUsername(process.env) }, { channel: values.channel, allowLocal: values['allow-local'] });
      writeFileSync(values.out, await campaignQr(link, campaign.name, extname(values.out).toLowerCase() === '.svg' ? 'svg' : 'png'));
      console.log(`Wrote ${values.out}: ${link}`);
      return;
    }
    if (sub === 'stats') {
      const { values, positionals } = parseArgs({ args: rest, options: { since: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true });
      if (values.since && !/^\d{4}-\d{2}-\d{2}$/.test(values.since)) throw new Error('--since needs a date like 2024-03-01');
      const stats = new CampaignStats(store, book, clock, process.env.USER_HASH_SALT || undefined);
      const intents = [...loadKnowledge().knowledge.intents];
      const rows = await campaignReport(stats, book, intents, { since: values.since, code: positionals[0] }, clock);
      if (values.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      for (const r of rows) {
        console.log(`${r.code} — ${printable(r.name)}: ${r.users} new users, ${r.questions} questions (${r.answered} answered, ${r.fallback} fallback)`);
        if (r.top_intents.length > 0) console.log(`  top: ${r.top_intents.map((i) => `${i.intent} ${i.count}`).join(', ')}`);
        for (const d of r.by_day) console.log(`  ${d.day}  users ${d.users}  questions ${d.questions}  answered ${d.answered}  fallback ${d.fallback}`);
        if (r.unanswered.length > 0) console.log(`  unanswered: ${r.unanswered.slice(0, 10).map((u) => `"${printable(u.text)}" ×${u.count}`).join('; ')}`);
      }
      return;
    }
    throw new Error('campaign needs a subcommand: create, list, qr or stats');
  } finally {
    await store.close();
  }
}
