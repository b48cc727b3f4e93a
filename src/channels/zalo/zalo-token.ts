import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import type { Logger } from '../../core/logger.js';
import { isSealed, seal, unseal, type Sealed } from '../../storage/sealed.js';
import type { Store } from '../../storage/store.js';

/** An OA access token and the single-use refresh token that replaces it. */
export interface TokenPair {
  access: string;
  refresh: string;
  /** epoch ms */
  expiresAt: number;
}

const KEY = 'zalo-oa-token';
const REFRESH_MARGIN_MS = 60 * 60_000;
const LOCK_MS = 30_000;

export class ZaloTokenError extends Error {}

/**
 * Keeps the OA access token fresh. Refresh tokens are single-use, so a refresh runs under a lock (one
 * at a time, also across instances) and the new pair is stored before it is used.
 */
export class ZaloTokens {
  constructor(
    private readonly store: Store,
    private readonly settings: { appId: string; appSecret: string; oauthBase: string; initial?: { access: string; refresh: string }; sealKey?: Buffer | undefined },
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The pair as kept: sealed with TOKEN_ENCRYPTION_KEY when it is set, so the store file alone reveals no token. */
  private async keep(pair: TokenPair): Promise<void> {
    const key = this.settings.sealKey;
    await this.store.set('channel', KEY, key ? seal(pair, key) : pair);
  }

  private async current(): Promise<TokenPair | undefined> {
    const kept = await this.store.get<TokenPair | Sealed>('channel', KEY);
    const key = this.settings.sealKey;
    if (kept && isSealed(kept)) {
      if (!key) throw new ZaloTokenError('the Zalo tokens in the store are sealed: set TOKEN_ENCRYPTION_KEY');
      return unseal<TokenPair>(kept, key);
    }
    if (kept) {
      if (key) await this.keep(kept);
      return kept;
    }
    const first = this.settings.initial;
    if (!first?.access) return undefined;
    // the first pair from the environment; its lifetime is unknown, so refresh it within the hour
    const pair = { access: first.access, refresh: first.refresh, expiresAt: this.clock().getTime() + REFRESH_MARGIN_MS + 60_000 };
    await this.keep(pair);
    return pair;
  }

  async accessToken(): Promise<string> {
    const pair = await this.current();
    if (!pair) throw new ZaloTokenError('no Zalo OA access token: set ZALO_ACCESS_TOKEN and ZALO_REFRESH_TOKEN');
    if (pair.expiresAt - this.clock().getTime() > REFRESH_MARGIN_MS) return pair.access;
    return (await this.refresh(pair)).access;
  }

  /** Exchanges the refresh token for a new pair; `stale` is the pair the caller saw fail or expire. */
  async refresh(stale?: TokenPair): Promise<TokenPair> {
    const seen = stale ?? (await this.current());
    if (!seen) throw new ZaloTokenError('no Zalo OA refresh token to refresh with');
    if (!(await this.store.setIfAbsent('channel', `${KEY}:lock`, 1, LOCK_MS))) {
      // another instance is refreshing: wait for its new pair
      for (let i = 0; i < 30; i++) {
        await sleep(200);
        const now = await this.current();
        if (now && now.access !== seen.access) return now;
      }
      throw new ZaloTokenError('Zalo token refresh by another instance did not finish');
    }
    try {
      const latest = await this.current();
      if (latest && latest.access !== seen.access) return latest; // refreshed meanwhile
      const res = await request(`${this.settings.oauthBase}/v4/oa/access_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: this.settings.appSecret },
        body: new URLSearchParams({ app_id: this.settings.appId, grant_type: 'refresh_token', refresh_token: seen.refresh }).toString(),
        headersTimeout: 10_000,
        bodyTimeout: 10_000,
      });
      const body = (await res.body.json()) as { access_token?: string; refresh_token?: string; expires_in?: string | number; error?: number; error_name?: string };
      if (!body.access_token || !body.refresh_token) {
        throw new ZaloTokenError(`Zalo refused the token refresh (error ${body.error ?? res.statusCode} ${body.error_name ?? ''}); an operator must authorise the OA again`);
      }
      const pair: TokenPair = { access: body.access_token, refresh: body.refresh_token, expiresAt: this.clock().getTime() + Number(body.expires_in ?? 90_000) * 1000 };
      await this.keep(pair);
      this.log.info({ expires_at: new Date(pair.expiresAt).toISOString() }, 'zalo: access token refreshed');
      return pair;
    } finally {
      await this.store.deleteFlag('channel', `${KEY}:lock`);
    }
  }

  async pair(): Promise<TokenPair | undefined> {
    return this.current();
  }
}
