import { request } from 'undici';

/**
 * The Telegram bot's username for t.me deep links: TELEGRAM_BOT_USERNAME when set, else asked of
 * Telegram itself (getMe) when TELEGRAM_BOT_TOKEN is set; undefined when neither works (the link is
 * then left out with a hint, never guessed).
 */
export async function telegramBotUsername(env: Record<string, string | undefined>): Promise<string | undefined> {
  if (env.TELEGRAM_BOT_USERNAME) return env.TELEGRAM_BOT_USERNAME.replace(/^@/, '');
  if (!env.TELEGRAM_BOT_TOKEN) return undefined;
  const root = (env.TELEGRAM_API_ROOT || 'https://api.telegram.org').replace(/\/+$/, '');
  try {
    const res = await request(`${root}/bot${env.TELEGRAM_BOT_TOKEN}/getMe`, { headersTimeout: 5_000, bodyTimeout: 5_000 });
    const body = (await res.body.json()) as { ok?: boolean; result?: { username?: string } };
    return body.ok && body.result?.username ? body.result.username : undefined;
  } catch {
    return undefined;
  }
}
