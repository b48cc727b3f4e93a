import { describe, expect, it } from 'vitest';
import { CLAIM_TTL_MS, claimDelivery } from '../../src/channels/delivery-guard.js';
import { LocalStore } from '../../src/storage/local-store.js';

describe('the delivery guard', () => {
  it('answers an update once, and still once when the platform re-delivers it after the claim has run out', async () => {
    const store = LocalStore.memory();
    const answered = await claimDelivery(store, 'telegram', '1001');
    expect(answered).toBeDefined();
    expect(await claimDelivery(store, 'telegram', '1001')).toBeUndefined();
    await answered!();
    // the claim ("working") would have run out by now; the "answered" flag is what keeps it answered once
    const flag = await store.getFlag<string>('dedupe', 'telegram:1001');
    expect(flag).toBe('answered');
    await store.deleteFlag('dedupe', 'telegram:1001');
    await store.setFlag('dedupe', 'telegram:1001', flag, 24 * 3_600_000);
    expect(await claimDelivery(store, 'telegram', '1001')).toBeUndefined();
  });

  it('lets another delivery be answered when the instance that claimed it died (the claim runs out, nothing is lost)', async () => {
    const store = LocalStore.memory();
    await claimDelivery(store, 'zalo', 'm1');
    await store.setFlag('dedupe', 'zalo:m1', 'working', 1);
    await new Promise((r) => setTimeout(r, 5));
    expect(await claimDelivery(store, 'zalo', 'm1')).toBeDefined();
    expect(CLAIM_TTL_MS).toBeGreaterThan(0);
  });
});

describe('webhook secrets', () => {
  it('match only the configured secret, never an empty one', async () => {
    const { sameSecret } = await import('../../src/channels/delivery-guard.js');
    expect(sameSecret('sekret-sekret', 'sekret-sekret')).toBe(true);
    expect(sameSecret('sekret-sekreT', 'sekret-sekret')).toBe(false);
    expect(sameSecret('sekret', 'sekret-sekret')).toBe(false);
    expect(sameSecret(undefined, 'sekret-sekret')).toBe(false);
    expect(sameSecret('', '')).toBe(false);
  });
});
