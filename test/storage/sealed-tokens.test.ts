import { describe, expect, it } from 'vitest';
import { ZaloTokens } from '../../src/channels/zalo/zalo-token.js';
import { silentLogger } from '../../src/core/logger.js';
import { sealKeyFrom } from '../../src/storage/sealed.js';
import { LocalStore } from '../../src/storage/local-store.js';

const KEY = sealKeyFrom('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff')!;

describe('platform tokens kept sealed', () => {
  it('keeps the Zalo OA tokens encrypted when TOKEN_ENCRYPTION_KEY is set, and reads them back', async () => {
    const store = LocalStore.memory();
    const settings = { appId: 'a', appSecret: 's', oauthBase: 'http://127.0.0.1:9', initial: { access: 'ACCESS-TOKEN-123', refresh: 'REFRESH-456' }, sealKey: KEY };
    const tokens = new ZaloTokens(store, settings, silentLogger, () => new Date('2026-01-01T00:00:00Z'));
    expect(await tokens.accessToken()).toBe('ACCESS-TOKEN-123');
    const raw = await store.get('channel', 'zalo-oa-token');
    expect(raw).toMatchObject({ sealed: 1 });
    const kept = JSON.stringify(raw);
    expect(kept).not.toContain('ACCESS-TOKEN-123');
    expect(kept).not.toContain('REFRESH-456');
    expect(await new ZaloTokens(store, settings, silentLogger, () => new Date('2026-01-01T00:00:00Z')).accessToken()).toBe('ACCESS-TOKEN-123');
  });

  it('refuses a key that is not 32 bytes, and a sealed store without the key', async () => {
    expect(() => sealKeyFrom('abcd')).toThrow(/32 bytes/);
    const store = LocalStore.memory();
    const base = { appId: 'a', appSecret: 's', oauthBase: 'http://127.0.0.1:9', initial: { access: 'A', refresh: 'R' } };
    await new ZaloTokens(store, { ...base, sealKey: KEY }, silentLogger, () => new Date('2026-01-01T00:00:00Z')).accessToken();
    await expect(new ZaloTokens(store, base, silentLogger, () => new Date('2026-01-01T00:00:00Z')).accessToken()).rejects.toThrow(/TOKEN_ENCRYPTION_KEY/);
  });
});
