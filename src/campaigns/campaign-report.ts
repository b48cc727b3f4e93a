import type { CampaignBook } from './campaign-book.js';
import { DIRECT, type CampaignFigures, type CampaignStats } from './campaign-stats.js';
import { vietnamDay } from '../util/vietnam-time.js';

export interface ReportRange {
  /** first day (YYYY-MM-DD, Vietnam time), included */
  since?: string | undefined;
  /** last day, included */
  until?: string | undefined;
  /** one campaign's code (or "direct"); every campaign and the people without one when unset */
  code?: string | undefined;
}

/** How far back the people who came without a campaign are counted when no range is given. */
const DIRECT_DAYS = 90;

/**
 * The figures of every campaign (or one) and of the people who came without one: what `campaign stats`
 * prints and what the console charts, from this one function.
 */
export async function campaignReport(stats: CampaignStats, book: CampaignBook, intents: string[], range: ReportRange, clock: () => Date): Promise<CampaignFigures[]> {
  const campaigns = (await book.list()).filter((c) => !range.code || c.code === range.code);
  if (range.code && campaigns.length === 0 && range.code !== DIRECT) throw new Error(`No campaign "${range.code}"`);
  const rows = await Promise.all(campaigns.map((c) => stats.figures(c.code, c.name, intents, range.since, vietnamDay(new Date(c.createdAt)), range.until)));
  if (!range.code || range.code === DIRECT) {
    const from = range.since ?? vietnamDay(new Date(clock().getTime() - DIRECT_DAYS * 86_400_000));
    rows.push(await stats.figures(DIRECT, '(no campaign)', intents, range.since, from, range.until));
  }
  return rows;
}

/** Figures of several campaigns added up, with the rates the console shows (answered, clarified, fallback, 👍, 👎). */
export interface ReportTotals {
  users: number;
  questions: number;
  answered: number;
  clarified: number;
  /** not answered and not clarified */
  fallback: number;
  helpful: number;
  unhelpful: number;
  rates: { answered: number; clarified: number; fallback: number; helpful: number; unhelpful: number };
  by_day: { day: string; questions: number; answered: number; clarified: number; fallback: number }[];
  by_channel: { channel: string; questions: number }[];
  top_intents: { intent: string; count: number }[];
}

function addTo(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

export function reportTotals(rows: CampaignFigures[]): ReportTotals {
  const sum = (k: 'users' | 'questions' | 'answered' | 'fallback' | 'clarified' | 'helpful' | 'unhelpful') => rows.reduce((n, r) => n + r[k], 0);
  const days = new Map<string, { questions: number; answered: number; clarified: number; fallback: number }>();
  for (const d of rows.flatMap((r) => r.by_day)) {
    const day = days.get(d.day) ?? { questions: 0, answered: 0, clarified: 0, fallback: 0 };
    days.set(d.day, { questions: day.questions + d.questions, answered: day.answered + d.answered, clarified: day.clarified + d.clarified, fallback: day.fallback + d.fallback - d.clarified });
  }
  const channels = new Map<string, number>();
  for (const c of rows.flatMap((r) => r.by_channel)) addTo(channels, c.channel, c.questions);
  const intents = new Map<string, number>();
  for (const i of rows.flatMap((r) => r.top_intents)) addTo(intents, i.intent, i.count);
  const questions = sum('questions');
  const clarified = sum('clarified');
  const fallback = sum('fallback') - clarified;
  const votes = sum('helpful') + sum('unhelpful');
  const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 10);
  return {
    users: sum('users'),
    questions,
    answered: sum('answered'),
    clarified,
    fallback,
    helpful: sum('helpful'),
    unhelpful: sum('unhelpful'),
    rates: { answered: share(sum('answered'), questions), clarified: share(clarified, questions), fallback: share(fallback, questions), helpful: share(sum('helpful'), votes), unhelpful: share(sum('unhelpful'), votes) },
    by_day: [...days].map(([day, d]) => ({ day, ...d })).sort((a, b) => a.day.localeCompare(b.day)),
    by_channel: [...channels].map(([channel, q]) => ({ channel, questions: q })).sort((a, b) => b.questions - a.questions),
    top_intents: [...intents].map(([intent, count]) => ({ intent, count })).sort((a, b) => b.count - a.count).slice(0, 10),
  };
}
